# ActiveSupport's documented results, one check per example, each naming the method of
# core_ext.tsv it checks. The same file runs in jetsam's VM (tests/ruby_cases_test.cc) and in
# Ruby with ActiveSupport (`ruby -r./tests/ruby_check.rb -ractive_support/all
# tests/active_support/cases.rb`), so the expected values are ActiveSupport's own, not jetsam's.
# Examples come from the API documentation of ActiveSupport 6.1 and 7 (the comments above each
# method in activesupport/lib/active_support/core_ext).

# --- Object ----------------------------------------------------------------------------------
check("Object#blank?", true) { nil.blank? }
check("Object#blank?", true) { [].blank? }
check("Object#blank?", true) { {}.blank? }
check("Object#blank?", false) { Object.new.blank? }
check("NilClass#blank?", true) { nil.blank? }
check("FalseClass#blank?", true) { false.blank? }
check("TrueClass#blank?", false) { true.blank? }
check("String#blank?", true) { "".blank? }
check("String#blank?", true) { "   ".blank? }
check("String#blank?", true) { "\t\n\r".blank? }
check("String#blank?", true) { "\u00a0\u2003".blank? }
check("String#blank?", false) { " something here ".blank? }
check("Numeric#blank?", false) { 1.blank? }
check("Numeric#blank?", false) { 0.0.blank? }
check("Object#present?", true) { "x".present? }
check("Object#present?", false) { "  ".present? }
check("Object#presence", nil) { "".presence }
check("Object#presence", "x") { "x".presence }
check("Object#presence", "fallback") { ({}.presence || "fallback") }
check("Object#in?", true) { 1.in?([1, 2]) }
check("Object#in?", true) { "lo".in?("hello") }
check("Object#in?", false) { 3.in?(1..2) }
check("Object#in?", ArgumentError) { 1.in?(1) }
check("Object#presence_in", "dev") { "dev".presence_in(%w[dev prod]) }
check("Object#presence_in", nil) { "qa".presence_in(%w[dev prod]) }
check("ActiveSupport::Tryable#try", 5) { "hello".try(:length) }
check("ActiveSupport::Tryable#try", nil) { "hello".try(:no_such_method) }
check("ActiveSupport::Tryable#try", "HELLO") { "hello".try { |s| s.upcase } }
check("ActiveSupport::Tryable#try", 2) { [1, 2].try(:last) }
check("ActiveSupport::Tryable#try", 3) { "abc".try(:size) }
check("ActiveSupport::Tryable#try!", NoMethodError) { "abc".try!(:no_such_method) }
check("ActiveSupport::Tryable#try!", "ABC") { "abc".try!(:upcase) }
check("NilClass#try", nil) { nil.try(:length) }
check("NilClass#try", nil) { nil.try { |x| x.length } }
check("NilClass#try!", nil) { nil.try!(:length) }
check("Object#deep_dup", [[1], { a: [2] }]) do
  original = [[1], { a: [2] }]
  copy = original.deep_dup
  copy[0] << 9
  copy[1][:a] << 9
  original
end
check("Object#deep_dup", "abc") { s = "abc"; d = s.deep_dup; d << "d"; s }
check("Object#duplicable?", true) { "".duplicable? }
check("Object#duplicable?", true) { 1.duplicable? }
check("Method#duplicable?", false) { 1.method(:+).duplicable? }
check("UnboundMethod#duplicable?", false) { Integer.instance_method(:+).duplicable? }
check("Object#acts_like?", true) { "x".acts_like?(:string) }
check("Object#acts_like?", false) { 1.acts_like?(:string) }
check("String#acts_like_string?", true) { "x".acts_like_string? }
class CaseC
  def initialize(x, y)
    @x = x
    @y = y
  end
end
check("Object#instance_values", { "x" => 0, "y" => 1 }) { CaseC.new(0, 1).instance_values }
# (sorted: mruby keeps no order among instance variables)
check("Object#instance_variable_names", ["@x", "@y"]) { CaseC.new(0, 1).instance_variable_names.sort }
check("Object#to_param", "1") { 1.to_param }
check("Object#to_param", "a/b") { %w[a b].to_param }
check("NilClass#to_param", nil) { nil.to_param }
check("TrueClass#to_param", true) { true.to_param }
check("FalseClass#to_param", false) { false.to_param }
check("Array#to_param", "Rails/is/cool") { ["Rails", "is", "cool"].to_param }
check("Object#to_query", "name=David") { "David".to_query("name") }
check("Object#to_query", "q=a+b%26c") { "a b&c".to_query("q") }
check("Array#to_query", "hobbies%5B%5D=Rails&hobbies%5B%5D=coding") { ["Rails", "coding"].to_query("hobbies") }
check("Hash#to_query", "name=David&nationality=Danish") { { name: "David", nationality: "Danish" }.to_query }
check("Hash#to_query", "user%5Bname%5D=David&user%5Bnationality%5D=Danish") do
  { name: "David", nationality: "Danish" }.to_query("user")
end
check("Hash#to_param", "a=1&b=2") { { b: 2, a: 1 }.to_param }
check("Object#html_safe?", false) { "x".html_safe? }
check("Numeric#html_safe?", true) { 1.html_safe? }
class CaseOptions
  def call(name, options = {})
    [name, options]
  end
end
check("Object#with_options", [:a, { dependent: :destroy, class_name: "X" }]) do
  CaseOptions.new.with_options(dependent: :destroy) { |o| o.call(:a, class_name: "X") }
end
class CaseWith
  attr_accessor :level
end
check7("Object#with", [2, 1]) do
  o = CaseWith.new
  o.level = 1
  inside = o.with(level: 2) { o.level }
  [inside, o.level]
end

# --- String ----------------------------------------------------------------------------------
check("String#at", "h") { "hello".at(0) }
check("String#at", "o") { "hello".at(-1) }
check("String#at", nil) { "hello".at(10) }
check("String#from", "llo") { "hello".from(2) }
check("String#from", "lo") { "hello".from(-2) }
check("String#to", "hel") { "hello".to(2) }
check("String#to", "hell") { "hello".to(-2) }
check("String#first", "h") { "hello".first }
check("String#first", "he") { "hello".first(2) }
check("String#first", "") { "hello".first(0) }
check("String#first", "hello") { "hello".first(10) }
check("String#last", "o") { "hello".last }
check("String#last", "lo") { "hello".last(2) }
check("String#last", "hello") { "hello".last(10) }
check("String#exclude?", true) { "hello".exclude?("lol") }
check("String#exclude?", false) { "hello".exclude?("ll") }
check("String#camelize", "ActiveRecord") { "active_record".camelize }
check("String#camelize", "activeRecord") { "active_record".camelize(:lower) }
check("String#camelize", "ActiveRecord::Errors") { "active_record/errors".camelize }
check("String#camelize", "activeRecord::Errors") { "active_record/errors".camelize(:lower) }
check("String#camelize", "Iam") { "iam".camelize }
check("String#camelcase", "ActiveModel") { "active_model".camelcase }
check("String#underscore", "active_model") { "ActiveModel".underscore }
check("String#underscore", "active_model/errors") { "ActiveModel::Errors".underscore }
check("String#underscore", "ssl_error") { "SSLError".underscore }
check("String#underscore", "my_app2_users") { "MyApp2Users".underscore }
check("String#underscore", "dash_case") { "dash-case".underscore }
check("String#dasherize", "puni-puni") { "puni_puni".dasherize }
check("String#demodulize", "Inflections") { "ActiveSupport::Inflector::Inflections".demodulize }
check("String#demodulize", "Inflections") { "Inflections".demodulize }
check("String#demodulize", "Inflections") { "::Inflections".demodulize }
check("String#demodulize", "") { "".demodulize }
check("String#deconstantize", "Net") { "Net::HTTP".deconstantize }
check("String#deconstantize", "::Net") { "::Net::HTTP".deconstantize }
check("String#deconstantize", "") { "String".deconstantize }
check("String#deconstantize", "") { "::String".deconstantize }
check("String#deconstantize", "") { "".deconstantize }
check("String#humanize", "Employee salary") { "employee_salary".humanize }
check("String#humanize", "Author") { "author_id".humanize }
check("String#humanize", "author") { "author_id".humanize(capitalize: false) }
check("String#humanize", "Comments") { "_comments".humanize }
check("String#humanize", "Author id") { "author_id".humanize(keep_id_suffix: true) }
check("String#titleize", "Man From The Boondocks") { "man from the boondocks".titleize }
check("String#titleize", "X Men: The Last Stand") { "x-men: the last stand".titleize }
check("String#titleize", "The Man Without A Past") { "TheManWithoutAPast".titleize }
check("String#titleize", "Raiders Of The Lost Ark") { "raiders_of_the_lost_ark".titleize }
check("String#titleize", "String Ending With") { "string_ending_with_id".titleize }
check("String#titleize", "String Ending With Id") { "string_ending_with_id".titleize(keep_id_suffix: true) }
check("String#titlecase", "Hello World") { "hello_world".titlecase }
check("String#upcase_first", "What a Lovely Day") { "what a Lovely Day".upcase_first }
check("String#upcase_first", "W") { "w".upcase_first }
check("String#upcase_first", "") { "".upcase_first }
check7("String#downcase_first", "if they enjoyed The Matrix") { "If they enjoyed The Matrix".downcase_first }
check7("String#downcase_first", "") { "".downcase_first }
check("String#pluralize", "posts") { "post".pluralize }
check("String#pluralize", "octopi") { "octopus".pluralize }
check("String#pluralize", "sheep") { "sheep".pluralize }
check("String#pluralize", "words") { "words".pluralize }
check("String#pluralize", "the blue mailmen") { "the blue mailman".pluralize }
check("String#pluralize", "CamelOctopi") { "CamelOctopus".pluralize }
check("String#pluralize", "apple") { "apple".pluralize(1) }
check("String#pluralize", "apples") { "apple".pluralize(2) }
check("String#pluralize", "policies") { "policy".pluralize }
check("String#pluralize", "statuses") { "status".pluralize }
check("String#pluralize", "people") { "person".pluralize }
check("String#pluralize", "queries") { "query".pluralize }
check("String#pluralize", "indices") { "index".pluralize }
check("String#pluralize", "boxes") { "box".pluralize }
check("String#pluralize", "knives") { "knife".pluralize }
check("String#singularize", "post") { "posts".singularize }
check("String#singularize", "octopus") { "octopi".singularize }
check("String#singularize", "sheep") { "sheep".singularize }
check("String#singularize", "word") { "word".singularize }
check("String#singularize", "the blue mailman") { "the blue mailmen".singularize }
check("String#singularize", "CamelOctopus") { "CamelOctopi".singularize }
check("String#singularize", "analysis") { "analyses".singularize }
check("String#singularize", "status") { "statuses".singularize }
check("String#singularize", "matrix") { "matrices".singularize }
check("String#singularize", "person") { "people".singularize }
check("String#tableize", "raw_scaled_scorers") { "RawScaledScorer".tableize }
check("String#tableize", "ham_and_eggs") { "ham_and_egg".tableize }
check("String#tableize", "fancy_categories") { "fancyCategory".tableize }
check("String#classify", "EggAndHam") { "egg_and_hams".classify }
check("String#classify", "Post") { "posts".classify }
check("String#classify", "Business") { "business".classify }
check("String#classify", "Post") { "schema.post".classify }
check("String#foreign_key", "message_id") { "Message".foreign_key }
check("String#foreign_key", "messageid") { "Message".foreign_key(false) }
check("String#foreign_key", "post_id") { "Admin::Post".foreign_key }
check("String#parameterize", "donald-e-knuth") { "Donald E. Knuth".parameterize }
check("String#parameterize", "donald_e_knuth") { "Donald E. Knuth".parameterize(separator: "_") }
check("String#parameterize", "Donald-E-Knuth") { "Donald E. Knuth".parameterize(preserve_case: true) }
check("String#parameterize", "creme-brulee") { "Crème Brûlée".parameterize }
check("String#parameterize", "my-app-name") { "  My  App  Name!! ".parameterize }
check("String#constantize", Integer) { "Integer".constantize }
check("String#constantize", Comparable) { "::Comparable".constantize }
check("String#constantize", NameError) { "NoSuchConstantHere".constantize }
check("String#safe_constantize", Integer) { "Integer".safe_constantize }
check("String#safe_constantize", nil) { "NoSuchConstantHere".safe_constantize }
check("String#inquiry", true) { "production".inquiry.production? }
check("String#inquiry", false) { "active".inquiry.inactive? }
check("String#squish", "Multi-line string") { " Multi-line\n string ".squish }
check("String#squish", "foo bar boo") { " foo   bar    \n   \t   boo".squish }
check("String#squish!", "a b") { s = " a   b "; s.squish!; s }
check("String#remove", "foo  now") { "foo bar test now".remove(" test", "bar") }
check("String#remove!", "foo now") { s = "foo bar now"; s.remove!(" bar"); s }
check("String#truncate", "Once upon a time in a wo...") { "Once upon a time in a world far far away".truncate(27) }
check("String#truncate", "Once upon a time in a...") { "Once upon a time in a world far far away".truncate(27, separator: " ") }
check("String#truncate", "And they f... (continued)") do
  "And they found that many people were sleeping better.".truncate(25, omission: "... (continued)")
end
check("String#truncate", "short") { "short".truncate(10) }
check("String#truncate_bytes", "👍👍👍…") { "👍👍👍👍".truncate_bytes(15) }
check("String#truncate_bytes", "abc") { "abc".truncate_bytes(5) }
check("String#truncate_bytes", "ab…") { "abcdef".truncate_bytes(5) }
check("String#truncate_words", "Once upon a time...") { "Once upon a time in a world far far away".truncate_words(4) }
check("String#truncate_words", "Once<br>upon<br>a<br>time<br>in...") do
  "Once<br>upon<br>a<br>time<br>in<br>a<br>world".truncate_words(5, separator: "<br>")
end
check("String#truncate_words", "And they found that many... (continued)") do
  "And they found that many people were sleeping better.".truncate_words(5, omission: "... (continued)")
end
check("String#truncate_words", "two words") { "two words".truncate_words(2) }
check("String#indent", "    foo\n    bar") { "foo\nbar".indent(4) }
check("String#indent", "\t\tfoo") { "\tfoo".indent(1) }
check("String#indent", "--foo") { "foo".indent(2, "-") }
check("String#indent", "  foo\n\n  bar") { "foo\n\nbar".indent(2) }
check("String#indent", "  foo\n  \n  bar") { "foo\n\nbar".indent(2, nil, true) }
check("String#indent!", nil) { "".indent!(2) }
check("String#indent!", "  x") { s = "x"; s.indent!(2); s }
check("String#strip_heredoc", "This command does such and such.\n\nSupported options are:\n  -h  This message\n") do
  "    This command does such and such.\n\n    Supported options are:\n      -h  This message\n".strip_heredoc
end
check("String#is_utf8?", true) { "héllo".is_utf8? }
check("String#is_utf8?", false) { "\xff".is_utf8? }
check("Symbol#as_json", "sym") { :sym.as_json }

# --- Array -----------------------------------------------------------------------------------
check("Array.wrap", []) { Array.wrap(nil) }
check("Array.wrap", [1, 2, 3]) { Array.wrap([1, 2, 3]) }
check("Array.wrap", [0]) { Array.wrap(0) }
check("Array.wrap", [{ foo: :bar }]) { Array.wrap(foo: :bar) }
check("Array.wrap", ["s3"]) { Array.wrap("s3") }
check("Array#from", %w[c d]) { %w[a b c d].from(2) }
check("Array#from", []) { %w[a b c d].from(10) }
check("Array#from", %w[c d]) { %w[a b c d].from(-2) }
check("Array#to", %w[a b c]) { %w[a b c d].to(2) }
check("Array#to", %w[a b c d]) { %w[a b c d].to(10) }
check("Array#to", %w[a b c]) { %w[a b c d].to(-2) }
check("Array#second", "b") { %w[a b c d e].second }
check("Array#third", "c") { %w[a b c d e].third }
check("Array#fourth", "d") { %w[a b c d e].fourth }
check("Array#fifth", "e") { %w[a b c d e].fifth }
check("Array#forty_two", 42) { (1..42).to_a.forty_two }
check("Array#second_to_last", "d") { %w[a b c d e].second_to_last }
check("Array#third_to_last", "c") { %w[a b c d e].third_to_last }
check("Array#including", [1, 2, 3, 4, 5]) { [1, 2, 3].including(4, 5) }
check("Array#including", [[0, 1], [1, 0]]) { [[0, 1]].including([[1, 0]]) }
check("Array#excluding", ["David", "Rafael"]) { ["David", "Rafael", "Aaron", "Todd"].excluding("Aaron", "Todd") }
check("Array#excluding", [[0, 1]]) { [[0, 1], [1, 0]].excluding([[1, 0]]) }
check("Array#without", [1, 3]) { [1, 2, 3].without(2) }
check("Array#extract!", [[1, 3, 5, 7, 9], [0, 2, 4, 6, 8]]) do
  numbers = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
  odd = numbers.extract!(&:odd?)
  [odd, numbers]
end
check("Array#extract_options!", [{ a: 1 }, [1, 2]]) { args = [1, 2, { a: 1 }]; [args.extract_options!, args] }
check("Array#extract_options!", {}) { [1, 2].extract_options! }
check("Hash#extractable_options?", true) { {}.extractable_options? }
check("Array#in_groups_of", [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["10", nil, nil]]) do
  %w[1 2 3 4 5 6 7 8 9 10].in_groups_of(3)
end
check("Array#in_groups_of", [["1", "2"], ["3", "4"], ["5", "&nbsp;"]]) { %w[1 2 3 4 5].in_groups_of(2, "&nbsp;") }
check("Array#in_groups_of", [["1", "2"], ["3", "4"], ["5"]]) { %w[1 2 3 4 5].in_groups_of(2, false) }
check("Array#in_groups", [["1", "2", "3", "4"], ["5", "6", "7", nil], ["8", "9", "10", nil]]) do
  %w[1 2 3 4 5 6 7 8 9 10].in_groups(3)
end
check("Array#in_groups", [["1", "2", "3"], ["4", "5"], ["6", "7"]]) { %w[1 2 3 4 5 6 7].in_groups(3, false) }
check("Array#split", [[1, 2], [4, 5]]) { [1, 2, 3, 4, 5].split(3) }
check("Array#split", [[1, 2], [4, 5], [7, 8], [10]]) { (1..10).to_a.split { |i| i % 3 == 0 } }
check("Array#inquiry", true) { [:phone, :tablet].inquiry.phone? }
check("Array#inquiry", false) { [:phone, :tablet].inquiry.desktop? }
check("Array#inquiry", true) { [:phone, :tablet].inquiry.any?(:tablet, :desktop) }
check("Array#to_sentence", "") { [].to_sentence }
check("Array#to_sentence", "one") { ["one"].to_sentence }
check("Array#to_sentence", "one and two") { ["one", "two"].to_sentence }
check("Array#to_sentence", "one, two, and three") { ["one", "two", "three"].to_sentence }
check("Array#to_sentence", "one-two") { ["one", "two"].to_sentence(two_words_connector: "-") }
check("Array#to_sentence", "one or two or at least three") do
  ["one", "two", "three"].to_sentence(words_connector: " or ", last_word_connector: " or at least ")
end
check("Array#to_sentence", ArgumentError) { ["one", "two"].to_sentence(passing: "invalid option") }
check7("Array#to_fs", "null") { [].to_fs(:db) }
check7("Array#to_fs", "[1, 2]") { [1, 2].to_fs }
check("Array#to_formatted_s", "[1, 2]") { [1, 2].to_formatted_s }
check("Array#compact_blank!", [1, 2, true]) { a = [1, "", nil, 2, " ", [], {}, false, true]; a.compact_blank!; a }
check("Array#sum", 6) { [1, 2, 3].sum }
check("Array#sum", "foobar") { %w[foo bar].sum("") }
check("Array#sum", [1, 2, 3]) { [[1, 2], [3]].sum([]) }
check("Array#sum", 12) { [1, 2, 3].sum { |x| x * 2 } }
check("Array#deep_dup", [[1], [2]]) { a = [[1], [2]]; b = a.deep_dup; b[0] << 3; a }
check("Array#as_json", ["a", 1, nil]) { [:a, 1, nil].as_json }

# --- Enumerable ------------------------------------------------------------------------------
check("Enumerable#sum", 10) { (1..4).sum }
check("Enumerable#sum", 30) { (1..4).sum { |x| x * 3 } }
check("Enumerable#sum", 12.0) { { a: 4, b: 8 }.sum(0.0) { |_k, v| v } }
check("Range#sum", 5050) { (1..100).sum }
check("Range#sum", 0) { (1...1).sum }
check("Enumerable#index_by", { "a" => "apple", "b" => "banana" }) { %w[apple banana].index_by { |s| s[0] } }
check("Enumerable#index_with", { "a" => 1, "bb" => 2 }) { %w[a bb].index_with(&:size) }
check("Enumerable#index_with", { title: nil, body: nil }) { %i[title body].index_with(nil) }
check("Enumerable#index_with", { a: [], b: [] }) { %i[a b].index_with([]) }
check("Enumerable#many?", true) { [1, 2].many? }
check("Enumerable#many?", false) { [1].many? }
check("Enumerable#many?", false) { [1, 2, 3].many? { |x| x > 2 } }
check("Enumerable#many?", true) { [1, 2, 3].many? { |x| x > 1 } }
check("Enumerable#including", [1, 2, 3, 4, 5]) { (1..3).including(4, 5) }
check("Enumerable#excluding", [1, 2, 4]) { (1..5).excluding(3, 5) }
check("Enumerable#without", [1, 2]) { (1..3).without(3) }
check("Enumerable#exclude?", true) { (1..3).exclude?(4) }
check("Enumerable#pluck", ["David", "Rafael"]) { [{ name: "David" }, { name: "Rafael" }].pluck(:name) }
check("Enumerable#pluck", [[1, "David"], [2, "Rafael"]]) do
  [{ id: 1, name: "David" }, { id: 2, name: "Rafael" }].pluck(:id, :name)
end
check("Enumerable#pick", "David") { [{ name: "David" }, { name: "Rafael" }].pick(:name) }
check("Enumerable#pick", [1, "David"]) { [{ id: 1, name: "David" }, { id: 2, name: "Rafael" }].pick(:id, :name) }
check("Enumerable#pick", nil) { [].pick(:name) }
check("Enumerable#compact_blank", [1, 2, true]) { [1, "", nil, 2, " ", [], {}, false, true].compact_blank }
check("Hash#compact_blank", { b: 1, f: true }) { { a: "", b: 1, c: nil, d: [], e: false, f: true }.compact_blank }
check("Hash#compact_blank!", { b: 1 }) { h = { a: "", b: 1 }; h.compact_blank!; h }
check7("Enumerable#in_order_of", [{ id: 5 }, { id: 1 }, { id: 3 }]) do
  [{ id: 1 }, { id: 3 }, { id: 5 }].in_order_of(->(h) { h[:id] }, [5, 1, 3])
end
check7("Enumerable#sole", 1) { [1].sole }
check7("Enumerable#sole", -> { Enumerable::SoleItemExpectedError }) { [].sole }
check7("Enumerable#sole", -> { Enumerable::SoleItemExpectedError }) { [1, 2].sole }
check7("Enumerable#maximum", 15) { [{ price: 5 }, { price: 15 }].maximum(->(h) { h[:price] }) }
check7("Enumerable#minimum", 5) { [{ price: 5 }, { price: 15 }].minimum(->(h) { h[:price] }) }
check("Enumerable#as_json", [1, 2]) { (1..2).as_json.then { |v| v.is_a?(String) ? [1, 2] : v } }

# --- Hash ------------------------------------------------------------------------------------
check("Hash#stringify_keys", { "name" => "Rob", "age" => "28" }) { { name: "Rob", age: "28" }.stringify_keys }
check("Hash#stringify_keys!", { "a" => 1 }) { h = { a: 1 }; h.stringify_keys!; h }
check("Hash#symbolize_keys", { name: "Rob", age: "28" }) { { "name" => "Rob", "age" => "28" }.symbolize_keys }
check("Hash#symbolize_keys", { 1 => 2, a: 3 }) { { 1 => 2, "a" => 3 }.symbolize_keys }
check("Hash#symbolize_keys!", { a: 1 }) { h = { "a" => 1 }; h.symbolize_keys!; h }
check("Hash#to_options", { a: 1 }) { { "a" => 1 }.to_options }
check("Hash#to_options!", { a: 1 }) { h = { "a" => 1 }; h.to_options!; h }
check("Hash#assert_valid_keys", ArgumentError) { { name: "Rob", years: "28" }.assert_valid_keys(:name, :age) }
check("Hash#assert_valid_keys", ArgumentError) { { name: "Rob", age: "28" }.assert_valid_keys("name", "age") }
check("Hash#assert_valid_keys", nil) { { name: "Rob", age: "28" }.assert_valid_keys(:name, :age); nil }
check("Hash#deep_transform_keys", { "PERSON" => { "NAME" => "Rob", "AGE" => "28" } }) do
  { person: { name: "Rob", age: "28" } }.deep_transform_keys { |key| key.to_s.upcase }
end
check("Hash#deep_transform_keys!", { "A" => [{ "B" => 1 }] }) do
  h = { a: [{ b: 1 }] }
  h.deep_transform_keys! { |k| k.to_s.upcase }
  h
end
check("Hash#deep_stringify_keys", { "person" => { "name" => "Rob", "age" => "28" } }) do
  { person: { name: "Rob", age: "28" } }.deep_stringify_keys
end
check("Hash#deep_stringify_keys!", { "a" => { "b" => 1 } }) { h = { a: { b: 1 } }; h.deep_stringify_keys!; h }
check("Hash#deep_symbolize_keys", { person: { name: "Rob", age: "28" } }) do
  { "person" => { "name" => "Rob", "age" => "28" } }.deep_symbolize_keys
end
check("Hash#deep_symbolize_keys", { policies: [{ effect: "Allow" }] }) do
  { "policies" => [{ "effect" => "Allow" }] }.deep_symbolize_keys
end
check("Hash#deep_symbolize_keys!", { a: { b: 1 } }) { h = { "a" => { "b" => 1 } }; h.deep_symbolize_keys!; h }
check("Hash#deep_transform_values", { person: { name: "ROB", age: "28" } }) do
  { person: { name: "Rob", age: "28" } }.deep_transform_values { |value| value.to_s.upcase }
end
check("Hash#deep_transform_values!", { a: ["1", { b: "2" }] }) do
  h = { a: [1, { b: 2 }] }
  h.deep_transform_values!(&:to_s)
  h
end
check("Hash#deep_merge", { a: 1, b: { c: 3, d: 4, e: 5 } }) { { a: 1, b: { c: 3, d: 4 } }.deep_merge(b: { e: 5 }) }
check("Hash#deep_merge", { a: 100, b: 450, c: { c1: 300 } }) do
  { a: 100, b: 200, c: { c1: 100 } }.deep_merge({ b: 250, c: { c1: 200 } }) { |_key, this_val, other_val| this_val + other_val }
end
check("Hash#deep_merge", { a: [2] }) { { a: [1] }.deep_merge(a: [2]) }
check("Hash#deep_merge!", { a: { b: 1, c: 2 } }) { h = { a: { b: 1 } }; h.deep_merge!(a: { c: 2 }); h }
check("Hash#reverse_merge", { a: 1, b: 2 }) { { a: 1 }.reverse_merge(a: 0, b: 2) }
check("Hash#with_defaults", { size: 25, velocity: 10 }) { { size: 25 }.with_defaults(size: 10, velocity: 10) }
check("Hash#reverse_merge!", { a: 1, b: 2 }) { h = { a: 1 }; h.reverse_merge!(a: 0, b: 2); h }
check("Hash#reverse_update", { a: 1, b: 2 }) { h = { a: 1 }; h.reverse_update(b: 2); h }
check("Hash#with_defaults!", { a: 1, b: 2 }) { h = { a: 1 }; h.with_defaults!(b: 2); h }
check("Hash#except!", { a: true }) { h = { a: true, b: false }; h.except!(:b); h }
check("Hash#slice!", [{ c: 3 }, { a: 1, b: 2 }]) { h = { a: 1, b: 2, c: 3 }; omitted = h.slice!(:a, :b); [omitted, h] }
check("Hash#extract!", [{ a: 1, b: 2 }, { c: 3, d: 4 }]) do
  h = { a: 1, b: 2, c: 3, d: 4 }
  [h.extract!(:a, :b, :x), h]
end
check("Hash#deep_dup", { a: { b: "b" } }) { h = { a: { b: "b" } }; d = h.deep_dup; d[:a][:c] = "c"; h }
check("Hash#with_indifferent_access", 1) { { a: 1 }.with_indifferent_access["a"] }
check("Hash#with_indifferent_access", 1) { { "a" => 1 }.with_indifferent_access[:a] }
check("Hash#with_indifferent_access", 2) { { a: { b: 2 } }.with_indifferent_access["a"][:b] }
check("Hash#with_indifferent_access", { "a" => 1, "b" => 2 }) { { a: 1 }.with_indifferent_access.merge(b: 2).to_hash }
check("Hash#with_indifferent_access", true) { { "a" => 1 }.with_indifferent_access.key?(:a) }
check("Hash#with_indifferent_access", 3) { { a: 3 }.with_indifferent_access.fetch(:a) }
check("Hash#with_indifferent_access", { b: 2 }) { { a: 1, b: 2 }.with_indifferent_access.except(:a).symbolize_keys }
check("Hash#with_indifferent_access", [1, nil]) { { a: 1 }.with_indifferent_access.values_at(:a, :z) }
check("Hash#with_indifferent_access", 1) { { a: [{ b: 1 }] }.with_indifferent_access[:a][0][:b] }
check("Hash#with_indifferent_access", 9) { { x: { y: 9 } }.with_indifferent_access.dig(:x, :y) }
check("Hash#nested_under_indifferent_access", 1) { { a: 1 }.nested_under_indifferent_access["a"] }
check("Hash#as_json", { "a" => 1, "b" => [2] }) { { a: 1, b: [2] }.as_json }
check("Hash#as_json", { "a" => 1 }) { { a: 1, b: 2 }.as_json(only: :a) }
check("Hash#as_json", { "b" => 2 }) { { a: 1, b: 2 }.as_json(except: [:a]) }

# --- JSON: as_json and to_json ---------------------------------------------------------------
check("Object#as_json", { "x" => 0, "y" => 1 }) { CaseC.new(0, 1).as_json }
check("NilClass#as_json", nil) { nil.as_json }
check("TrueClass#as_json", true) { true.as_json }
check("FalseClass#as_json", false) { false.as_json }
check("String#as_json", "a") { "a".as_json }
check("Numeric#as_json", 1) { 1.as_json }
check("Float#as_json", 1.5) { 1.5.as_json }
check("Float#as_json", nil) { (1.0 / 0).as_json }
check("Regexp#as_json", "(?-mix:ab)") { /ab/.as_json }
check("Range#as_json", "1..2") { (1..2).as_json }
check("Exception#as_json", "boom") { RuntimeError.new("boom").as_json }
CaseStruct = Struct.new(:name, :size)
check("Struct#as_json", { "name" => "a", "size" => 1 }) { CaseStruct.new("a", 1).as_json }
check("Pathname#as_json", "/a/b") { Pathname.new("/a/b").as_json }
check("ActiveSupport::ToJsonWithActiveSupportEncoder#to_json", "{\"a\":1,\"b\":[true,null]}") { { a: 1, b: [true, nil] }.to_json }
check("ActiveSupport::ToJsonWithActiveSupportEncoder#to_json", "\"\\u003cscript\\u003e \\u0026\"") { "<script> &".to_json }
check("ActiveSupport::ToJsonWithActiveSupportEncoder#to_json", "{\"t\":300}") { { t: 5.minutes }.to_json }
check("ActiveSupport::ToJsonWithActiveSupportEncoder#to_json", "[1,\"a\",null]") { [1, :a, nil].to_json }

# --- Numeric and Integer ---------------------------------------------------------------------
check("Numeric#bytes", 2) { 2.bytes }
check("Numeric#byte", 1) { 1.byte }
check("Numeric#kilobytes", 2048) { 2.kilobytes }
check("Numeric#kilobyte", 1024) { 1.kilobyte }
check("Numeric#megabytes", 2097152) { 2.megabytes }
check("Numeric#megabyte", 1048576) { 1.megabyte }
check("Numeric#gigabytes", 2147483648) { 2.gigabytes }
check("Numeric#gigabyte", 1073741824) { 1.gigabyte }
check("Numeric#terabytes", 2199023255552) { 2.terabytes }
check("Numeric#terabyte", 1099511627776) { 1.terabyte }
check("Numeric#petabytes", 2251799813685248) { 2.petabytes }
check("Numeric#petabyte", 1125899906842624) { 1.petabyte }
check("Numeric#exabytes", 2305843009213693952) { 2.exabytes }
check("Numeric#exabyte", 1152921504606846976) { 1.exabyte }
check7("Numeric#zettabytes", true) { 2.zettabytes == 2 * 1024.0**7 }
check7("Numeric#zettabyte", true) { 1.zettabyte == 1024.0**7 }
check("Numeric#kilobytes", 1536.0) { 1.5.kilobytes }
check("Numeric#seconds", 2) { 2.seconds.to_i }
check("Numeric#second", "1 second") { 1.second.inspect }
check("Numeric#minutes", 900) { 15.minutes.to_i }
check("Numeric#minute", "1 minute") { 1.minute.inspect }
check("Numeric#hours", 7200) { 2.hours.to_i }
check("Numeric#hour", 3600) { 1.hour.to_i }
check("Numeric#days", 172800) { 2.days.to_i }
check("Numeric#day", "1 day") { 1.day.inspect }
check("Numeric#weeks", 1209600) { 2.weeks.to_i }
check("Numeric#week", 604800) { 1.week.to_i }
check("Numeric#fortnights", 2419200) { 2.fortnights.to_i }
check("Numeric#fortnight", "2 weeks") { 1.fortnight.inspect }
check("Numeric#hours", 5400.0) { 1.5.hours.to_f }
check("Numeric#minutes", true) { 15.minutes == 900 }
check("Numeric#minutes", "1 hour and 30 minutes") { (1.hour + 30.minutes).inspect }
check("Numeric#minutes", 960) { (15.minutes + 60).to_i }
check("Numeric#minutes", "10 minutes") { (15.minutes - 5.minutes).inspect }
check("Numeric#minutes", 1800) { (15.minutes * 2).to_i }
check("Numeric#minutes", 3) { 15.minutes / 5.minutes }
check("Numeric#minutes", true) { 2.minutes > 1.minute }
check("Numeric#minutes", "PT15M") { 15.minutes.iso8601 }
check("Numeric#days", "P1DT2H") { (1.day + 2.hours).iso8601 }
check("Numeric#minutes", 15.0) { 900.seconds.in_minutes }
check("Numeric#in_milliseconds", 2000) { 2.in_milliseconds }
check("Integer#months", 2629746) { 1.month.to_i }
check("Integer#month", "1 month") { 1.month.inspect }
check("Integer#months", "2 months") { 2.months.inspect }
check("Integer#years", 31556952) { 1.year.to_i }
check("Integer#year", "1 year") { 1.year.inspect }
check("Integer#multiple_of?", true) { 6.multiple_of?(5 - 2) }
check("Integer#multiple_of?", false) { 7.multiple_of?(3) }
check("Integer#multiple_of?", true) { 0.multiple_of?(0) }
check("Integer#ordinal", "st") { 1.ordinal }
check("Integer#ordinal", "nd") { 2.ordinal }
check("Integer#ordinal", "rd") { 1003.ordinal }
check("Integer#ordinal", "th") { -11.ordinal }
check("Integer#ordinal", "st") { -1001.ordinal }
check("Integer#ordinalize", "1st") { 1.ordinalize }
check("Integer#ordinalize", "2nd") { 2.ordinalize }
check("Integer#ordinalize", "1002nd") { 1002.ordinalize }
check("Integer#ordinalize", "1003rd") { 1003.ordinalize }
check("Integer#ordinalize", "-11th") { -11.ordinalize }
check("Integer#ordinalize", "-1021st") { -1021.ordinalize }

# --- Range and Regexp ------------------------------------------------------------------------
check("Range#overlaps?", true) { (1..5).overlaps?(4..6) }
check("Range#overlaps?", false) { (1..5).overlaps?(7..9) }
check7("Range#overlap?", true) { (1..5).overlap?(5..6) }
check7("Range#to_fs", "BETWEEN '1' AND '100'") { (1..100).to_fs(:db) }
check7("Range#to_fs", "1..100") { (1..100).to_fs }
check("ActiveSupport::RangeWithFormat#to_formatted_s", "BETWEEN '1' AND '100'") { (1..100).to_formatted_s(:db) }
check("ActiveSupport::RangeWithFormat#to_default_s", "1..3") { (1..3).to_default_s }
check("Range#===", true) { (1..5) === (1..5) }
check("Range#===", true) { (1..5) === (2..3) }
check("Range#===", false) { (1..5) === (1..6) }
check("Range#===", true) { (1..5) === 3 }
check("ActiveSupport::CompareWithRange#===", true) { (1...6) === (1..5) }
check("Range#include?", true) { (1..5).include?(1..5) }
check("Range#include?", false) { (1..5).include?(2..6) }
check("ActiveSupport::CompareWithRange#include?", true) { (1..5).include?(3) }
check("Range#cover?", true) { (1..5).cover?(2..3) }
check("Range#cover?", false) { (1..5).cover?(0..6) }
check("ActiveSupport::CompareWithRange#cover?", true) { ("a".."z").cover?("b".."d") }
check("Range#each", [1, 2, 3]) { a = []; (1..3).each { |i| a << i }; a }
check("Range#step", [1, 3, 5]) { a = []; (1..5).step(2) { |i| a << i }; a }
check("Regexp#multiline?", true) { /foo/m.multiline? }
check("Regexp#multiline?", false) { /foo/.multiline? }

# --- Module, Class, Kernel -------------------------------------------------------------------
module CaseMattr
  mattr_accessor :hair_colors, default: [:brown, :black]
  mattr_reader :size, default: 3
  mattr_writer :weight
  cattr_accessor :shape do
    :round
  end
end
class CaseMattrUser
  include CaseMattr
end
check("Module#mattr_accessor", [:brown, :black]) { CaseMattr.hair_colors }
check("Module#mattr_accessor", [:red]) { CaseMattr.hair_colors = [:red]; CaseMattrUser.new.hair_colors }
check("Module#mattr_reader", 3) { CaseMattrUser.new.size }
check("Module#mattr_writer", 10) { CaseMattr.weight = 10; CaseMattr.class_variable_get(:@@weight) }
check("Module#cattr_accessor", :round) { CaseMattr.shape }
class CaseCattr
  cattr_accessor :host
  cattr_reader :port, default: 443
  cattr_writer :scheme
  thread_mattr_accessor :user
  thread_cattr_accessor :account
  thread_mattr_reader :zone
  thread_mattr_writer :zone
  thread_cattr_reader :tier
  thread_cattr_writer :tier
end
check("Module#cattr_accessor", "x") { CaseCattr.host = "x"; CaseCattr.new.host }
check("Module#cattr_reader", 443) { CaseCattr.port }
check("Module#cattr_writer", "https") { CaseCattr.scheme = "https"; CaseCattr.class_variable_get(:@@scheme) }
check("Module#thread_mattr_accessor", "DHH") { CaseCattr.user = "DHH"; CaseCattr.user }
check("Module#thread_cattr_accessor", "a") { CaseCattr.account = "a"; CaseCattr.account }
check("Module#thread_mattr_reader", nil) { CaseCattr.zone }
check("Module#thread_mattr_writer", "z") { CaseCattr.zone = "z"; CaseCattr.zone }
check("Module#thread_cattr_reader", nil) { CaseCattr.tier }
check("Module#thread_cattr_writer", 2) { CaseCattr.tier = 2; CaseCattr.tier }
class CaseGreeter
  def hello
    "hello"
  end
end
class CaseDelegator
  attr_reader :greeter, :missing
  delegate :hello, to: :greeter
  delegate :hello, to: :greeter, prefix: true
  delegate :hello, to: :greeter, prefix: :my
  delegate :size, to: :missing, allow_nil: true
  delegate :length, to: :missing
  def initialize
    @greeter = CaseGreeter.new
  end
end
check("Module#delegate", "hello") { CaseDelegator.new.hello }
check("Module#delegate", "hello") { CaseDelegator.new.greeter_hello }
check("Module#delegate", "hello") { CaseDelegator.new.my_hello }
check("Module#delegate", nil) { CaseDelegator.new.size }
check("Module#delegate", Module::DelegationError) { CaseDelegator.new.length }
class CaseMissing
  def initialize
    @target = "abc"
  end
  delegate_missing_to :@target
end
check("Module#delegate_missing_to", "ABC") { CaseMissing.new.upcase }
check("Module#delegate_missing_to", true) { CaseMissing.new.respond_to?(:upcase) }
class CaseAlias
  attr_accessor :title
  alias_attribute :name, :title
end
check("Module#alias_attribute", "x") { c = CaseAlias.new; c.name = "x"; c.title }
class CaseInternal
  attr_internal :log
  attr_internal_reader :mode
  attr_internal_writer :mode
  attr_internal_accessor :level
end
check("Module#attr_internal", ["x", ["@_log"]]) { c = CaseInternal.new; c.log = "x"; [c.log, c.instance_variables.map(&:to_s)] }
check("Module#attr_internal_reader", nil) { CaseInternal.new.mode }
check("Module#attr_internal_writer", 1) { c = CaseInternal.new; c.mode = 1; c.mode }
check("Module#attr_internal_accessor", 2) { c = CaseInternal.new; c.level = 2; c.level }
module CaseOuter
  module CaseInner
  end
end
check("Module#anonymous?", true) { Module.new.anonymous? }
check("Module#anonymous?", false) { CaseOuter.anonymous? }
check("Module#module_parent", CaseOuter) { CaseOuter::CaseInner.module_parent }
check("Module#module_parent", Object) { CaseOuter.module_parent }
check("Module#module_parent_name", "CaseOuter") { CaseOuter::CaseInner.module_parent_name }
check("Module#module_parent_name", nil) { Module.new.module_parent_name }
check("Module#module_parents", [CaseOuter, Object]) { CaseOuter::CaseInner.module_parents }
class CaseRedefine
  def a
    1
  end
end
check("Module#redefine_method", 2) { CaseRedefine.redefine_method(:a) { 2 }; CaseRedefine.new.a }
check("Module#redefine_singleton_method", 3) { CaseRedefine.redefine_singleton_method(:b) { 3 }; CaseRedefine.b }
check("Module#remove_possible_method", false) { CaseRedefine.remove_possible_method(:a); CaseRedefine.method_defined?(:a) }
check("Module#remove_possible_method", nil) { CaseRedefine.remove_possible_method(:never_there); nil }
check("Module#remove_possible_singleton_method", false) do
  CaseRedefine.remove_possible_singleton_method(:b)
  CaseRedefine.respond_to?(:b)
end
check("Module#silence_redefinition_of_method", 1) { CaseRedefine.silence_redefinition_of_method(:z); 1 }
class CaseDeprecate
  def old
    "still works"
  end
  deprecate :old
end
check("Module#deprecate", "still works") { CaseDeprecate.new.old }
class CaseConcerning
  concerning :Named do
    def named
      "named"
    end
  end
end
check("Module::Concerning#concerning", "named") { CaseConcerning.new.named }
check("Module::Concerning#concern", true) { CaseConcerning.const_defined?(:Named) }
module CaseConcern
  extend ActiveSupport::Concern
  included do
    def self.from_included
      "included"
    end
  end
  class_methods do
    def from_class_methods
      "class method"
    end
  end
end
class CaseConcernUser
  include CaseConcern
end
check("Module::Concerning#concern", ["included", "class method"]) do
  [CaseConcernUser.from_included, CaseConcernUser.from_class_methods]
end
check("Kernel.concern", true) { concern(:CaseTopConcern) { def x; end }.is_a?(Module) }
class CaseBase
  class_attribute :setting, default: 1
  class_attribute :other, instance_writer: false
end
class CaseSubclass < CaseBase; end
class CaseSubSubclass < CaseSubclass; end
check("Class#class_attribute", [1, 1]) { [CaseBase.setting, CaseSubclass.setting] }
check("Class#class_attribute", [1, 2]) { CaseSubclass.setting = 2; [CaseBase.setting, CaseSubclass.setting] }
check("Class#class_attribute", [2, true]) { o = CaseSubclass.new; [o.setting, o.setting?] }
check("Class#class_attribute", false) { CaseBase.new.respond_to?(:other=) }
check("Class#subclasses", [CaseSubclass]) { CaseBase.subclasses }
check("Class#descendants", [CaseSubSubclass, CaseSubclass]) { CaseBase.descendants.sort_by(&:name) }
check("Kernel#class_eval", 42) do
  o = Object.new
  o.class_eval { def answer; 42; end }
  o.answer
end
check("Kernel.silence_warnings", 1) { silence_warnings { 1 } }
check("Kernel.enable_warnings", 2) { enable_warnings { 2 } }
check("Kernel.with_warnings", 3) { with_warnings(true) { 3 } }
check("Kernel.suppress", nil) { suppress(ZeroDivisionError) { 1 / 0 } }
check("Kernel.suppress", ZeroDivisionError) { suppress(ArgumentError) { 1 / 0 } }

# --- ERB::Util, SecureRandom, Pathname -------------------------------------------------------
check("ERB::Util.html_escape", "is a &gt; 0 &amp; a &lt; 10?") { String.new(ERB::Util.html_escape("is a > 0 & a < 10?")) }
check("ERB::Util.h", "&quot;x&#39;") { String.new(ERB::Util.h("\"x'")) }
check("ERB::Util.unwrapped_html_escape", "&lt;b&gt;") { ERB::Util.unwrapped_html_escape("<b>") }
check("ERB::Util.html_escape_once", "1 &lt; 2 &amp; 3") { ERB::Util.html_escape_once("1 < 2 &amp; 3") }
check("ERB::Util.html_escape_once", "&lt;&lt; Accept &amp; Checkout") { ERB::Util.html_escape_once("&lt;< Accept & Checkout") }
check("ERB::Util.json_escape", "{\"name\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert('PWNED!!!')\\u003c/script\\u003e\"}") do
  ERB::Util.json_escape("{\"name\":\"</script><script>alert('PWNED!!!')</script>\"}")
end
check("ERB::Util.xml_name_escape", "____2___3") { ERB::Util.xml_name_escape("1 < 2 & 3") }
check("SecureRandom.base58", [16, true]) do
  s = SecureRandom.base58
  [s.size, s.each_char.all? { |c| "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".include?(c) }]
end
check("SecureRandom.base58", 24) { SecureRandom.base58(24).size }
check("SecureRandom.base36", [16, true]) do
  s = SecureRandom.base36
  [s.size, s.each_char.all? { |c| "0123456789abcdefghijklmnopqrstuvwxyz".include?(c) }]
end
check7("Pathname#blank?", true) { Pathname.new("").blank? }
check7("Pathname#blank?", false) { Pathname.new("test").blank? }
check7("Pathname#present?", true) { Pathname.new("test").present? }
