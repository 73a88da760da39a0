# Ruby's standard library as jetsam provides it (mrblib/stdlib/), checked against what Ruby
# itself gives: the same file runs in jetsam's VM (tests/ruby_cases_test.cc) and in Ruby
# (`ruby -r./tests/ruby_check.rb -rjson -ryaml -rerb -rset -rpathname -rshellwords -rbase64 -rostruct
# -rtime tests/stdlib/cases.rb`).
# Prints "ok NAME" or "FAIL NAME: ...".

# --- JSON ------------------------------------------------------------------------------------
check("JSON.parse", { "a" => [1, 2.5, nil, true, false, "x"] }) { JSON.parse('{"a": [1, 2.5, null, true, false, "x"]}') }
check("JSON.parse", { a: { b: 1 } }) { JSON.parse('{"a": {"b": 1}}', symbolize_names: true) }
check("JSON.parse", ["z", "a"]) { JSON.parse('{"z": 1, "a": 2}').keys }
check("JSON.parse", 2) { JSON.parse("2") }
check("JSON.parse", "é\n") { JSON.parse('"\u00e9\n"') }
check("JSON.parse", 100.0) { JSON.parse("1e2") }
check("JSON.parse", JSON::ParserError) { JSON.parse("") }
check("JSON.parse", JSON::ParserError) { JSON.parse('{"a":}') }
check("JSON.parse", JSON::NestingError) { JSON.parse("[" * 101 + "]" * 101) }
check("JSON.parse", 100) { JSON.parse("[" * 100 + "]" * 100).flatten.size + 100 }
check("JSON.parse", TypeError) { JSON.parse(nil) }
check("JSON.generate", '{"a":1,"b":[true,null,"x"]}') { JSON.generate({ a: 1, b: [true, nil, "x"] }) }
check("JSON.generate", '{"1":2,"":3}') { JSON.generate({ 1 => 2, nil => 3 }) }
check("JSON.generate", '"\\u001f/é<"') { JSON.generate("\x1f/é<") }
check("JSON.generate", "[1.0,1.0e+20,1.5e-07,100.0]") { JSON.generate([1.0, 1e20, 1.5e-7, 100.0]) }
check("JSON.generate", '"sym"') { JSON.generate(:sym) }
check("JSON.generate", JSON::GeneratorError) { JSON.generate("\xff") }
check("JSON.generate", JSON::GeneratorError) { JSON.generate([0.0 / 0]) }
check("JSON.generate", JSON::NestingError) { a = []; 200.times { a = [a] }; JSON.generate(a) }
check("JSON.generate", JSON::NestingError) { a = []; a << a; JSON.generate(a) }
check("JSON.pretty_generate", "{\n  \"a\": [\n\n  ],\n  \"b\": {\n  },\n  \"c\": [\n    1,\n    {\n      \"d\": null\n    }\n  ]\n}") do
  JSON.pretty_generate({ "a" => [], "b" => {}, "c" => [1, { "d" => nil }] })
end
check("JSON.dump", "[1]") { JSON.dump([1]) }
check("JSON.load", nil) { JSON.load(nil) }
check("JSON.load", [1]) { JSON.load("[1]") }

# --- YAML ------------------------------------------------------------------------------------
scalars = "a: 1,000\nb: 0b101\nc: 0o17\nd: 017\ne: 1:30\nf: 1e3\ng: 1.5e+3\nh: .5\ni: 1.\nj: +.inf\nl: :sym\n" \
          "m: \":q\"\nn: 0x1f\no: 1_000\np: -0\nq: 08\nr: 1:30.5\ns: 12:61\nt: 3.\nu: 1.2.3\nv: \"1\"\nw: !!str 12\n" \
          "y: 0.1_5\nz: 1,2.5\nyes1: yes\nno1: No\non1: on\nnil1: ~\nnil2: null\nnil3:\nstr: hello world\n"
check("YAML.load", { "a" => 1000, "b" => 5, "c" => "0o17", "d" => 15, "e" => 5400, "f" => "1e3", "g" => 1500.0, "h" => 0.5,
                     "i" => 1.0, "j" => Float::INFINITY, "l" => :sym, "m" => ":q", "n" => 31, "o" => 1000, "p" => 0,
                     "q" => "08", "r" => 5430.0, "s" => "12:61", "t" => 3.0, "u" => "1.2.3", "v" => "1", "w" => "12",
                     "y" => "0.1_5", "z" => 12.5, "yes1" => true, "no1" => false, "on1" => true, "nil1" => nil,
                     "nil2" => nil, "nil3" => nil, "str" => "hello world" }) { YAML.load(scalars) }
check("YAML.load", ["z", "a", "m"]) { YAML.load("z: 1\na: 2\nm: 3\n").keys }
check("YAML.load", { "a" => :"foo bar", 1 => 2, true => "x", nil => "y", :s => 1 }) do
  YAML.load("a: :\"foo bar\"\n1: 2\ntrue: x\n~: y\n:s: 1\n")
end
check("YAML.load", { "base" => { "x" => 1 }, "c" => { "x" => 2, "y" => 3 } }) do
  YAML.load("base: &b {x: 1, y: 3}\nc:\n  <<: *b\n  x: 2\n", aliases: true).tap { |h| h["base"].delete("y") }
end
if Psych.const_defined?(:AliasesNotEnabled)  # Psych 5 (Ruby 3.2, Jets' CodeBuild image)
  check("YAML.load", Psych::AliasesNotEnabled) { YAML.load("a: &x 1\nb: *x\n") }
end
check("YAML.load", Psych::BadAlias) { YAML.load("a: &x 1\nb: *x\n") }
check("YAML.load", Psych::DisallowedClass) { YAML.load("a: 2021-01-01\n") }
check("YAML.load", Psych::SyntaxError) { YAML.load("a: [1, 2\n") }
check("YAML.load", nil) { YAML.load("") }
check("YAML.load", false) { YAML.load("", fallback: false) }
check("YAML.load", nil) { YAML.load("--- ~\n") }
check("YAML.load", { name: "x" }) { YAML.load("name: x\n", symbolize_names: true) }
check("YAML.load", "é") { YAML.load("\"\\u00e9\"") }
check("YAML.safe_load", Psych::DisallowedClass) { YAML.safe_load("a: :sym\n") }
check("YAML.safe_load", { "a" => :sym }) { YAML.safe_load("a: :sym\n", permitted_classes: [Symbol]) }
check("YAML.safe_load", { "a" => :ok }) { YAML.safe_load("a: :ok\n", permitted_classes: [Symbol], permitted_symbols: [:ok]) }
check("YAML.safe_load", Psych::DisallowedClass) { YAML.safe_load("a: :ok\n", permitted_classes: [Symbol], permitted_symbols: [:no]) }
check("YAML.safe_load", Psych::DisallowedClass) { YAML.safe_load("a: :ok\n", permitted_symbols: [:ok]) }
check("YAML.unsafe_load", { "a" => 1, "b" => 1 }) { YAML.unsafe_load("a: &x 1\nb: *x\n") }
check("YAML.load", true) { YAML.load("a: 1\n", freeze: true).frozen? }

# --- ERB -------------------------------------------------------------------------------------
check("ERB#result", "a\nb\n") { ERB.new("a\nb\n").result }
check("ERB#result", "x 2 y\n") { ERB.new("x <%= 1 + 1 %> y\n").result }
check("ERB#result", "\nyes\n\n") { ERB.new("<% if true %>\nyes\n<% end %>\n").result }
check("ERB#result", "  - 1\n  - 2\nend\n") { ERB.new("<% [1,2].each do |i| -%>\n  - <%= i %>\n<% end -%>\nend\n", trim_mode: "-").result }
check("ERB#result", "v=3\n") { ERB.new("  <%- x = 3 -%>\nv=<%= x %>\n", trim_mode: "-").result }
check("ERB#result", "l\nl\n") { ERB.new("<% 2.times do %>\nl\n<% end %>\n", trim_mode: ">").result }
check("ERB#result", "l 1\nl 1\n") { ERB.new("<% 2.times do %>\nl <%= 1 %>\n<% end %>\n", trim_mode: "<>").result }
check("ERB#result", "row 0\nrow 1\n% literal\n") { ERB.new("% 2.times do |i|\nrow <%= i %>\n% end\n%% literal\n", trim_mode: "%").result }
check("ERB#result", "<% raw %%> and done\n") { ERB.new("<%% raw %%> and <%# comment %>done\n").result }
check("ERB#result", "quote \" back \\ hash \#{x} tab\t\n") { ERB.new("quote \" back \\ hash \#{x} tab\t\n").result }
check("ERB#result", "ab\n") { ERB.new("<%= \"a\" -%>\nb\n", trim_mode: "-").result }
check("ERB#result", "multi 2 line\n") { ERB.new("multi <%= [1,\n2].size %> line\n").result }
check("ERB#result", "no newline at end x") { ERB.new("no newline at end <%= :x %>").result }
check("ERB#result_with_hash", "Hi Ann, 2") { ERB.new("Hi <%= name %>, <%= n %>").result_with_hash(name: "Ann", n: 2) }
check("ERB::Util.url_encode", "a%20b%26c%2Fd") { ERB::Util.url_encode("a b&c/d") }

# --- Set, Pathname, File names ---------------------------------------------------------------
check("Set", [1, 2, 3]) { Set.new([1, 2, 2, 3]).to_a }
check("Set", true) { Set[1, 2].subset?(Set[1, 2, 3]) }
check("Set", [2]) { (Set[1, 2] & [2, 3]).to_a }
check("Set", [1, 2, 3]) { (Set[1, 2] | [3]).to_a }
check("Set", false) { Set[1].add?(1).nil? == false }
check("Set", true) { Set[1, 2] == Set[2, 1] }
check("Set", [1, 2]) { [2, 1, 2].to_set.sort }
check("Pathname#join", "/app/config/iam/x.yml") { Pathname.new("/app").join("config", "iam/x.yml").to_s }
check("Pathname#+", "/x.yml") { (Pathname.new("/app") + "/x.yml").to_s }
check("Pathname#+", "a/c") { (Pathname.new("a/b") + "../c").to_s }
check("Pathname#+", "/app/config") { (Pathname.new("/app/config/jets") + "..").to_s }
check("Pathname#basename", "x.yml") { Pathname.new("/app/config/x.yml").basename.to_s }
check("Pathname#dirname", "/app/config") { Pathname.new("/app/config/x.yml").dirname.to_s }
check("Pathname#extname", ".yml") { Pathname.new("/app/config/x.yml").extname }
check("Pathname#relative_path_from", "config/x.yml") { Pathname.new("/app/config/x.yml").relative_path_from(Pathname.new("/app")).to_s }
check("Pathname#cleanpath", "/a/c") { Pathname.new("/a/./b/../c").cleanpath.to_s }
check("File.join", "a/b/c") { File.join("a", "b/", "/c") }
check("File.basename", "deploy") { File.basename("config/jets/deploy.rb", ".rb") }
check("File.basename", "deploy") { File.basename("config/jets/deploy.rb", ".*") }
check("File.dirname", "config/jets") { File.dirname("config/jets/deploy.rb") }
check("File.dirname", ".") { File.dirname("deploy.rb") }
check("File.dirname", "/") { File.dirname("/x") }
check("File.extname", ".rb") { File.extname("a/b.rb") }
check("File.extname", "") { File.extname(".profile") }
check("File.fnmatch", true) { File.fnmatch("config/*.yml", "config/a.yml", File::FNM_PATHNAME) }
check("File.fnmatch", false) { File.fnmatch("config/*.yml", "config/iam/a.yml", File::FNM_PATHNAME) }
check("File.fnmatch", true) { File.fnmatch("config/**/*.{yml,json}", "config/iam/a.json", File::FNM_PATHNAME | File::FNM_EXTGLOB) }
check("File.fnmatch", false) { File.fnmatch("config/*.{yml,json}", "config/a.json", File::FNM_PATHNAME) }

# --- small libraries -------------------------------------------------------------------------
check("Shellwords.escape", "it\\'s\\ a\\ test") { Shellwords.escape("it's a test") }
check("Shellwords.split", ["a", "b c", "d"]) { Shellwords.split("a 'b c' d") }
check("Base64.strict_encode64", "aGVsbG8=") { Base64.strict_encode64("hello") }
check("Base64.decode64", "hello") { Base64.decode64("aGVsbG8=\n") }
check("Base64.urlsafe_encode64", "_-8") { Base64.urlsafe_encode64("\xff\xef", padding: false) }
check("OpenStruct", ["x", 2]) { o = OpenStruct.new(name: "x"); o.size = 2; [o.name, o[:size]] }
check("Integer#odd?", [true, false]) { [3.odd?, 3.even?] }
check("Integer#digits", [3, 2, 1]) { 123.digits }
check("Range#step", [1, 3, 5]) { (1..5).step(2).to_a }
check("String#scan", ["ab", "ab"]) { "abcab".scan("ab") }
check("String#match?", true) { "hello".match?("ell") }
check("Time#strftime", "1970-01-01 00:00:00 +0000 Thu Jan") { Time.at(0).utc.strftime("%Y-%m-%d %H:%M:%S %z %a %b") }
check("Time#iso8601", "1970-01-01T00:00:00Z") { Time.at(0).utc.iso8601 }
check("Kernel#catch", 7) { catch(:done) { throw :done, 7 } }
check("Kernel#Integer exception: false", [nil, 42, nil]) { [Integer("4x", exception: false), Integer("42", exception: false), Integer(nil, exception: false)] }
check("Kernel#Integer base", 255) { Integer("ff", 16) }
check("Kernel#Integer raises", ArgumentError) { Integer("4x") }
check("Kernel#Float exception: false", [nil, 1.5]) { [Float("x", exception: false), Float("1.5", exception: false)] }
check("Comparable#clamp range", [3, 1, 2, 5, 2]) { [5.clamp(1..3), 0.clamp(1..3), 2.clamp(..3), 5.clamp(1..), 2.clamp(1, 3)] }
check("Comparable#clamp exclusive", ArgumentError) { 5.clamp(1...3) }
check("Struct keyword_init", [1, 2, ArgumentError]) do
  point = Struct.new(:x, :y, keyword_init: true)
  [point.new(x: 1, y: 2).x, point.new(y: 2).y, (point.new(1, 2) rescue ArgumentError)]
end
check("Struct with a block", 3) { Struct.new(:a, :b) { def sum = a + b }.new(1, 2).sum }
check("Struct positional Hash", { a: 1 }) { Struct.new(:h).new({ a: 1 }).h }
check("Struct unknown keyword", ArgumentError) { Struct.new(:x, keyword_init: true).new(y: 1) }
# Ruby 3.2 lets a plain Struct take keywords (jetsam answers as the Ruby 3.2.4 Jets runs on).
if RUBY_VERSION >= "3.2"
  check("Struct keywords (Ruby 3.2)", [1, nil]) { s = Struct.new(:x, :y).new(x: 1); [s.x, s.y] }
  check("Struct subclass keywords (Ruby 3.2)", [2, 1]) { c = Class.new(Struct.new(:a, :b)); s = c[b: 1, a: 2]; [s.a, s.b] }
end

# --- Digest (Nettle in jetsam: host/eval/digest_native.cc) ---------------------------------------
check("require digest", [true, true]) { [require("digest/sha2") || true, require("digest") || true] }
check("Digest::MD5.hexdigest", "900150983cd24fb0d6963f7d28e17f72") { Digest::MD5.hexdigest("abc") }
check("Digest::SHA1.hexdigest", "a9993e364706816aba3e25717850c26c9cd0d89d") { Digest::SHA1.hexdigest("abc") }
check("Digest::SHA256.hexdigest", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") { Digest::SHA256.hexdigest("abc") }
check("Digest::SHA256 empty", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") { Digest::SHA256.hexdigest("") }
check("Digest::SHA384.hexdigest", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7") { Digest::SHA384.hexdigest("abc") }
check("Digest::SHA512.hexdigest size", 128) { Digest::SHA512.hexdigest("abc").size }
check("Digest::SHA2.new(512)", Digest::SHA512.hexdigest("abc")) { Digest::SHA2.new(512).update("abc").hexdigest }
check("Digest.digest bytes", [32, "ba7816bf"]) { d = Digest::SHA256.digest("abc"); [d.bytesize, d.unpack1("H8")] }
check("Digest.base64digest", "qUqP5cyxm6YcTAhz05Hph5gvu9M=") { Digest::SHA1.base64digest("test") }
check("Digest incremental", Digest::MD5.hexdigest("hello world")) { (Digest::MD5.new << "hello" << " world").hexdigest }
check("Digest#to_s and ==", [true, true]) { d = Digest::MD5.new.update("x"); [d.to_s == Digest::MD5.hexdigest("x"), d == Digest::MD5.hexdigest("x")] }
check("Digest#hexdigest(data) resets", ["900150983cd24fb0d6963f7d28e17f72", "d41d8cd98f00b204e9800998ecf8427e"]) do
  d = Digest::MD5.new.update("zzz")
  [d.hexdigest("abc"), d.hexdigest]
end
check("Digest#digest_length", [16, 20, 32, 48, 64]) { [Digest::MD5, Digest::SHA1, Digest::SHA256, Digest::SHA384, Digest::SHA512].map { |c| c.new.digest_length } }
check("Digest of a name, cut", "arn:aws:s3:::demo-dev-0cc175b9") { "arn:aws:s3:::demo-dev-#{Digest::MD5.hexdigest("a")[0, 8]}" }
check("Digest update TypeError", TypeError) { Digest::SHA256.new.update(1) }

# --- Date (mrblib/stdlib/date.rb) -------------------------------------------------------------------
check("Date.new and readers", [2024, 2, 29, "2024-02-29"]) { require "date"; d = Date.new(2024, 2, 29); [d.year, d.month, d.day, d.to_s] }
check("Date invalid", Date::Error) { Date.new(2023, 2, 29) }
check("Date negative day", "2024-02-29") { Date.new(2024, 2, -1).to_s }
check("Date.parse and iso8601", ["2024-01-05", "2024-01-05"]) { [Date.parse("2024-01-05").to_s, Date.iso8601("20240105").to_s] }
check("Date arithmetic", ["2024-03-01", "2023-12-31", 366]) do
  d = Date.new(2024, 2, 29)
  [(d + 1).to_s, (Date.new(2024, 1, 1) - 1).to_s, Date.new(2025, 1, 1) - Date.new(2024, 1, 1)]
end
check("Date months", ["2024-02-29", "2023-02-28", "2024-03-31"]) do
  [(Date.new(2024, 1, 31) >> 1).to_s, (Date.new(2024, 2, 29) << 12).to_s, Date.new(2024, 1, 31).next_month(2).to_s]
end
check("Date compare and leap", [true, true, false]) { [Date.new(2024, 1, 1) < Date.new(2024, 1, 2), Date.new(2024, 1, 1).leap?, Date.leap?(1900)] }
check("Date wday yday jd", [1, 60, 2460370]) { d = Date.new(2024, 2, 29); [Date.new(2024, 1, 1).wday, d.yday, d.jd] }
check("Date.jd", "2024-02-29") { Date.jd(2460370).to_s }
check("Date#strftime", "2024/02/29 Thursday") { Date.new(2024, 2, 29).strftime("%Y/%m/%d %A") }
check("Date#thursday?", true) { Date.new(2024, 2, 29).thursday? }
check("Date.today", Date) { Date.today.class }
check("Date#inspect", "#<Date: 2024-02-29>") { Date.new(2024, 2, 29).inspect.sub(/ \(\S+\)/, "").sub(/ \(.*\)>/, ">") }

# --- Regexp (matched by PCRE2 in jetsam: host/eval/regexp_native.cc) ------------------------------
check("Regexp#=~", [1, nil]) { ["abc" =~ /b/, "abc" =~ /x/] }
check("Regexp $~ and $1", ["ab", "b", "x", "c"]) { "xabc" =~ /a(b)/; [$~[0], $1, $`[-1], $'] }
check("Regexp no match clears $~", [nil, nil]) { "ab" =~ /(a)/; "ab" =~ /z/; [$~, $1] }
check("Regexp#match", ["2024-01", "2024", "01", 3, 10]) do
  m = /(\d+)-(\d+)/.match("on 2024-01-05")
  [m[0], m[1], m[2], m.begin(0), m.end(0)]
end
check("Regexp#match pos", "b2") { /[a-z]\d/.match("a1b2", 1)[0] }
check("Regexp#match block", "X") { /x/.match("axb") { |m| m[0].upcase } }
check("Regexp#match nil", nil) { /a/.match(nil) }
check("Regexp#match?", [true, false, true]) { [/a/.match?("cat"), /\Aa/.match?("cat"), /A/i.match?("a")] }
check("Regexp named groups", ["2024", "01", { "y" => "2024", "m" => "01" }, ["y", "m"]]) do
  m = /(?<y>\d+)-(?<m>\d+)/.match("2024-01")
  [m[:y], m["m"], m.named_captures, m.names]
end
check("Regexp unknown group name", IndexError) { /(?<a>x)/.match("x")[:b] }
check("MatchData#pre_match post_match captures", ["<", ">", ["b", nil]]) do
  m = /a(b)(z)?/.match("<ab>")
  [m.pre_match, m.post_match, m.captures]
end
check("MatchData#to_a size offset values_at", [["ab", "a", "b"], 3, [1, 3], ["b", "ab"]]) do
  m = /(a)(b)/.match("xab")
  [m.to_a, m.size, m.offset(0), m.values_at(2, 0)]
end
check("MatchData#inspect", ['#<MatchData "ab" 1:"a" 2:"b">', '#<MatchData "ab" x:"b">']) do
  [/(a)(b)/.match("ab").inspect, /(a)(?<x>b)/.match("ab").inspect]
end
check("Regexp with names: plain groups do not capture", [2, ["b"]]) { m = /(a)(?<x>b)/.match("ab"); [m.size, m.captures] }
check("Regexp#===", [true, false, false]) { [/\Aprod/ === "prod-east", /\Aprod/ === "dev", /a/ === 1] }
check("Regexp case/when", :prod) do
  case "prod-east"
  when /\Adev/ then :dev
  when /\Aprod/ then :prod
  end
end
check("Regexp#source options to_s inspect", ["a.b", 1, "(?i-mx:a.b)", "/a.b/i"]) { r = /a.b/i; [r.source, r.options, r.to_s, r.inspect] }
check("Regexp.new", [true, true, false]) { [Regexp.new("a+b") =~ "aab" ? true : false, Regexp.new("A", Regexp::IGNORECASE).match?("a"), Regexp.new("A").match?("a")] }
check("Regexp.new of a Regexp", /x/i) { Regexp.new(/x/i) }
check("Regexp.new invalid", RegexpError) { Regexp.new("(") }
check("Regexp.escape", "a\\.b\\*c\\ \\-\\#\\n") { Regexp.escape("a.b*c -#\n") }
check("Regexp.escape matches itself", true) { Regexp.new(Regexp.escape("1+1=(2)")).match?("1+1=(2)") }
check("Regexp.union", [/a\.b|(?i-mx:c)/, true]) { r = Regexp.union("a.b", /c/i); [r, r.match?("C")] }
check("Regexp.last_match", ["ab", "b"]) { "ab" =~ /a(b)/; [Regexp.last_match(0), Regexp.last_match(1)] }
check("Regexp multiline", [0, nil]) { ["a\nb" =~ /a.b/m, "a\nb" =~ /a.b/] }
check("Regexp line anchors", ["line1", "line2"]) { "line1\nline2".scan(/^line\d$/) }
check("Regexp \\A \\z \\Z", [true, false, true]) { ["ab" =~ /\Aab\z/ ? true : false, "ab\n" =~ /ab\z/ ? true : false, "ab\n" =~ /ab\Z/ ? true : false] }
check("Regexp \\h", [true, false]) { [/\A\h+\z/.match?("deadBEEF09"), /\A\h+\z/.match?("xyz")] }
check("Regexp extended", true) { /a  # letter a\n b/x.match?("ab") }
check("Regexp inline options", ["xaa", 0]) { ["aaa".sub(/(?i)A/, "x"), "a\nb" =~ /(?m:a.b)/] }
check("Regexp POSIX class", ["ab", "12"]) { ["ab12".scan(/[[:alpha:]]+/)[0], "ab12".scan(/[[:digit:]]+/)[0]] }
check("Regexp look-around", ["foo"]) { "foobar foobaz".scan(/foo(?=bar)/) }
check("Regexp back-reference", "abab") { "xxababyy"[/(ab)\1/] }
check("String#gsub Regexp", "foo bar baz") { "foo-bar_baz".gsub(/[-_]/, " ") }
check("String#gsub back-references", "Smith, John") { "John Smith".sub(/(\w+) (\w+)/, '\2, \1') }
check("String#gsub \\0 and \\k<name>", "<a>-[b]") { "a-b".sub(/a/, '<\0>').sub(/(?<x>b)/, '[\k<x>]') }
check("String#gsub Hash", "heLLo") { "hello".gsub(/l/, "l" => "L") }
check("String#gsub block and $1", "a=1;b=2") { "a:1;b:2".gsub(/(\w):(\d)/) { "#{$1}=#{$2}" } }
check("String#gsub empty matches", ["-a-b-c-", "-a--c-"]) { ["abc".gsub(/x*/, "-"), "abc".gsub(/b*/, "-")] }
check("String#sub once", "hellO world") { "hello world".sub(/o/) { |x| x.upcase } }
check("String#sub no match", "abc") { "abc".sub(/x/, "y") }
check("String#gsub! sub!", ["xbc", nil]) { s = +"abc"; [s.sub!(/a/, "x"), s.gsub!(/z/, "y")] }
check("String#scan", [["1", "22", "333"], [["key", "val"], ["k2", "v2"]]]) { ["a1b22c333".scan(/\d+/), "key=val; k2=v2".scan(/(\w+)=(\w+)/)] }
check("String#scan block", ["1", "2"]) { out = []; "a1b2".scan(/\d/) { |d| out << d }; out }
check("String#split Regexp", [["a", "b", "c"], ["a", "b", "c"], ["a", "b"], ["a", "b", "", ""], ["a", "b,c"], ["a", "1", "b", "2", "c"]]) do
  ["a,b;c".split(/[,;]/), "abc".split(//), "a,b,,".split(/,/), "a,b,,".split(/,/, -1), "a,b,c".split(/,/, 2), "a1b2c".split(/(\d)/)]
end
check("String#split leading", ["", "a", "b"]) { ",a,b".split(/,/) }
check("String#split whitespace Regexp", ["a", "b", "c"]) { "a  b\tc".split(/\s+/) }
check("String#[] Regexp", ["22", "2", nil]) { ["a22b"[/\d+/], "a22b"[/(\d)(\d)/, 2], "ab"[/\d/]] }
check("String#slice Regexp", "bc") { "abcd".slice(/b./) }
check("String#index rindex Regexp", [2, 4, nil]) { ["abcabc".index(/c/), "abcabc".rindex(/b/), "abc".index(/z/)] }
check("String#start_with? Regexp", [true, false]) { ["FEATURE_X".start_with?(/FEAT/), "X_FEATURE".start_with?(/FEAT/)] }
check("String#match String pattern", "b.") { "ab.c".match("b.")[0] }
check("String#match?", [true, false, true]) { ["cat".match?(/a/), "cat".match?(/z/), "a.c".match?("a.c")] }
check("String#=~", 2) { "abc" =~ /c/ }
check("String#partition rpartition Regexp", [["a", "1", "-b2"], ["a1-b", "2", ""]]) { ["a1-b2".partition(/\d/), "a1-b2".rpartition(/\d/)] }
check("Symbol#=~ match?", [1, true]) { [:abc =~ /b/, :abc.match?(/c/)] }
check("Array#grep Regexp", ["a1", "b2"]) { %w[a1 b2 c].grep(/\d/) }
check("Array#grep_v Regexp", ["c"]) { %w[a1 b2 c].grep_v(/\d/) }
check("Hash#select Regexp", { "PROD_DB" => 1 }) { { "PROD_DB" => 1, "DEV_DB" => 2 }.select { |k, _| k =~ /\APROD_/ } }
check("Regexp inline option reaches the end of its group", [nil, 0, 0]) { ["c" =~ /a(?i)b|c/, "aC" =~ /a(?i)b|c/, "xAB" =~ /x(?i)a(?-i)B/] }
check("Regexp {,n}", ["ab", "b"]) { ["aab"[/a{,1}b/], "b"[Regexp.new("a{,2}b")]] }
check("Regexp \\p{Word} \\p{Digit} \\P{Alpha} \\p{^Upper}", [["a1_"], "1", "1", "b"]) { ["a1_-".scan(/\p{Word}+/), "a1"[/\p{Digit}/], "a1"[/\P{Alpha}/], "Ab"[/\p{^Upper}/]] }
check("Regexp \\u", [0, 1]) { ["a" =~ /\u0061/, "ab" =~ /\u{62}/] }
check("Regexp \\v is a vertical tab", ["\v"]) { "\v\n".scan(/\v/) }
check("Regexp unknown escapes are the letter", [0, ["y", "O"]]) { ["Q" =~ Regexp.new("\\Q"), "yO".scan(Regexp.new("\\y|\\O"))] }
check("Regexp (?s) is no Ruby option", RegexpError) { Regexp.new("(?s)a") }
check("Regexp a name for two groups", [[["a", nil], [nil, "b"]], "b"]) { ["ab".scan(/(?<x>a)|(?<x>b)/), /(?<x>a)|(?<x>b)/.match("b")[:x]] }
check("Regexp \\k<1>", 0) { "aa" =~ /(a)\k<1>/ }
check("Regexp numbered back-reference beside names", RegexpError) { Regexp.new("(?<n>a)\\1") }
check("Regexp [:alpha:] outside a class", [":", "h", "a"]) { "x:ha".scan(Regexp.new("[:alpha:]")) }
check("MatchData negative index", ["a", nil, [nil, "b"], :index_error]) do
  m = /(a)(b)/.match("ab")
  [m[-2], m[-3], m.values_at(-3, -1), (m.begin(-1) rescue :index_error)]
end
check("Regexp#match past the end", [3, nil]) { [/\z/.match("abc", 40)&.begin(0), /a/.match("abc", 40)] }
check("String#split empty match at the end", [["abc", ""], ["a", " ", "b", ""], ["a", "b", "c", ""], ["a", "", "b", "", "c", "", ""]]) do
  ["abc".split(/$/, -1), "a b".split(/\b/, -1), "abc".split(/x*/, -1), "abc".split(/(x*)/, -1)]
end
check("String#split limit counts pieces, not captures", ["a", "1", "b", "2", "c3"]) { "a1b2c3".split(/(\d)/, 3) }
check("Regexp#to_s folds leading options", ["(?i-mx:a)", "(?mi-x:a)", "(?i-mx:a)|b", "(?-mix:(?i:a)|b)"]) do
  [/(?i)a/.to_s, /(?i:a)/m.to_s, Regexp.union(/(?i)a/, "b").source, /(?i:a)|b/.to_s]
end
check("String#rindex past \\K", 2) { "xab".rindex(/a\K./) }
check("Regexp quantifier after a quantifier", ["", "aaaa", "aaaa", "ab"]) { ["a"[/a{2}?/], "aaaa"[/a{1,3}+/], "aaaaa"[/a{2}{2}/], "aab"[/a{,1}?b/]] }
check("String#sub \\1 where the pattern names groups", ["[]b", "[aa]b"]) { ["ab".sub(/(?<x>a)/, '[\1]'), "ab".sub(/(?<x>a)/, '[\0\k<x>]')] }
check("Regexp call of the whole pattern", "(a(b)c)") { "x(a(b)c)"[/\((?:[^()]|\g<0>)*\)/] }
check("Regexp nested classes and &&", [["a", "b", "c"], ["d"], ["b", "c"], ["a", "c", "e"], ["a", "c", "d"], [], ["x", "_"], ["a", "B"]]) do
  ["abc".scan(/[a[bc]]/), "abcd".scan(/[^a[bc]]/), "abcd".scan(/[a-c&&b-d]/), "abcde".scan(/[a-e&&[^bd]]/),
   "abcd".scan(/[^a-c&&b]/), "ab]".scan(/[a&&]/), "ax_1".scan(/[\H_]/), "aB1".scan(/[x[ab]]/i)]
end
check("Regexp back-reference to a group named after it", RegexpError) { Regexp.new("\\k<n>(?<n>a)") }
check("Regexp unmatched ) after an option", RegexpError) { Regexp.new("(?i))?x") }
check("Regexp options FIXEDENCODING", [16, 16, 0, 16, 0, 16, 0, true]) do
  [Regexp.new("\\p{Alpha}").options, Regexp.new("[\\P{Digit}]").options, /\u0061/.options, Regexp.new("\\u{e9}").options, Regexp.new("\\u0061f").options,
   Regexp.union(/\p{Alpha}/, "a").options, /\\p{Alpha}/.options, /\p{Alpha}/ == Regexp.new("\\p{Alpha}")]
end
check("Regexp#=~ past \\K answers where the match started", [5, 6, 2]) { ["foo bar baz" =~ /a\K./, $~.begin(0), "xab".index(/a\K./)] }
check("Regexp.new with a String of options is IGNORECASE (Ruby 3.1)", [1, 1, 5]) { [Regexp.new("a", "m").options, Regexp.new("a", "x").options, /a/mi.options] }
check("String#gsub without a replacement or block enumerates", [[1, 3], ["b", "b"]]) { ["abab".gsub(/b/).map { $~.begin(0) }, "abab".gsub(/b/).to_a] }
check("String#sub Symbol replacement", TypeError) { "ab".sub(/b/, :x) }
check("String#slice! Regexp", ["c", "abb", nil, "abb"]) { s = "abcb".dup; [s.slice!(/(b)(c)/, 2), s.dup, s.slice!(/z/), s] }
check("String#[]= Regexp", ["aXYab", "abZ", :not_matched, :no_group]) do
  s = "abab".dup
  s[/b/] = "XY"
  t = "abc".dup
  t[/(b)(c)/, 2] = "Z"
  u = "abc".dup
  [s, t, (begin; u[/z/] = "x"; rescue IndexError; :not_matched; end), (begin; u[/(b)/, 2] = "x"; rescue IndexError; :no_group; end)]
end
check("MatchData#values_at ranges", ["a", "b", nil, nil, "ab", "a", "b"]) { /(a)(b)/.match("ab").values_at(1..4, 0..0, -2..-1) }
check("MatchData#match match_length", ["b", nil, 1, nil, :index_error]) do
  m = /(a)?b/.match("b")
  [m.match(0), m.match(1), m.match_length(0), m.match_length(1), (begin; m.match(2); rescue IndexError; :index_error; end)]
end
check("Regexp.union Symbols", [/a/, :type_error]) { [Regexp.union(:a), (begin; Regexp.union("a", :b); rescue TypeError; :type_error; end)] }
check("Regexp#fixed_encoding? frozen?", [false, true, true, false]) { [/a/.fixed_encoding?, Regexp.new("\\p{Alpha}").fixed_encoding?, /a/.frozen?, Regexp.new("a").frozen?] }
check("Symbol#[] slice start_with? Regexp", ["1", "bc", true, true]) { [:a1b[/\d/], :abc.slice(/b./), :abc.start_with?(/a/), :abc.end_with?("c")] }
check("String#split leaves $~ as Ruby does", [nil, ",", nil]) do
  "x" =~ /x/
  "a,b".split(/,/)
  a = $~
  "a,b,c".split(/,/, 2)
  b = $~[0]
  "x" =~ /x/
  "".split(/,/)
  [a, b, $~]
end
check("String#gsub \\k<name> of no group: IndexError, $~ the match", ["a", IndexError]) do
  e = begin; "ab".gsub(/(?<x>a)/, '\k<y>'); rescue IndexError => err; err; end
  [$~[:x], e.class]
end
check("String#start_with? Regexp sets $~, nil when it fails", [true, "a", false, nil]) { r = ["ab".start_with?(/a/), $~[0]]; r + ["ab".start_with?(/b/), $~] }
check("Regexp#encoding", ["US-ASCII", "UTF-8", "US-ASCII"]) { [/a/.encoding.to_s, /\p{Alpha}/.encoding.to_s, Regexp.new("a").encoding.to_s] }
