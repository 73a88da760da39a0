# ActiveSupport::Inflector (camelize, underscore, humanize, titleize, pluralize, ...) with
# ActiveSupport's English rules. The case rules are written out by hand, and the plural and
# singular rules, which ActiveSupport writes as small regular expressions, are read by Rule below,
# which knows only what those rules use: they were written before jetsam matched Regexps
# (mrblib/regexp.rb), run without one, and are checked against ActiveSupport's results.
module Jetsam
  module Chars
    def self.upper?(c)
      !c.nil? && c >= "A" && c <= "Z" && c.size == 1
    end

    def self.lower?(c)
      !c.nil? && c >= "a" && c <= "z" && c.size == 1
    end

    def self.digit?(c)
      !c.nil? && c >= "0" && c <= "9" && c.size == 1
    end

    def self.alnum?(c)
      upper?(c) || lower?(c) || digit?(c)
    end

    def self.word?(c)
      alnum?(c) || c == "_"
    end

    # The bytes of the UTF-8 character that `byte` starts; 0 when no character starts so.
    def self.utf8_width(byte)
      if byte < 0x80 then 1
      elsif byte >= 0xf8 || byte < 0xc2 then 0
      elsif byte >= 0xf0 then 4
      elsif byte >= 0xe0 then 3
      else 2
      end
    end
  end

  # A rule of ActiveSupport's inflections: "^", "$", literals, [set], [^set], (a|b) groups
  # (capturing, or not with "?:"), "?" after a group; always case-insensitive, as AS's are.
  class Rule
    def initialize(source, replacement)
      @source = source
      @replacement = replacement
      @nodes, _ = parse(source, 0)
    end

    # The word with its first match replaced, or nil when the rule does not match.
    def apply(word)
      text = word.downcase
      start = 0
      while start <= text.size
        captures = []
        stop = match(@nodes, 0, text, start, captures)
        if stop
          return word[0, start] + expand(word, captures) + word[stop..-1].to_s
        end
        start += 1
      end
      nil
    end

    private

    def expand(word, captures)
      out = ""
      i = 0
      while i < @replacement.size
        c = @replacement[i]
        if c == "\\" && Chars.digit?(@replacement[i + 1])
          range = captures[@replacement[i + 1].to_i]
          out << word[range[0], range[1] - range[0]] if range
          i += 2
        else
          out << c
          i += 1
        end
      end
      out
    end

    # Nodes: [:lit, c], [:set, chars, negated], [:group, [seq, ...], index or nil, optional],
    # [:bol], [:eol]. Returns [nodes, next position].
    def parse(src, i, group_count = [0])
      seq = []
      alternatives = [seq]
      while i < src.size
        c = src[i]
        case c
        when "^" then seq << [:bol]
        when "$" then seq << [:eol]
        when "["
          negated = src[i + 1] == "^"
          i += 1 if negated
          close = src.index("]", i + 1)
          seq << [:set, src[(i + 1)...close], negated]
          i = close
        when "("
          capture = src[i + 1, 2] != "?:"
          i += 2 unless capture
          index = capture ? (group_count[0] += 1) : nil
          inner, i = parse(src, i + 1, group_count)
          optional = src[i + 1] == "?"
          i += 1 if optional
          seq << [:group, inner, index, optional]
        when ")"
          return [alternatives, i]
        when "|"
          seq = []
          alternatives << seq
        else
          seq << [:lit, c]
        end
        i += 1
      end
      [alternatives, i]
    end

    # Matches the alternatives `alts` then `rest` (a continuation) at pos; the end position or nil.
    def match(alts, _unused, text, pos, captures, rest = nil)
      alts.each do |seq|
        stop = match_seq(seq, 0, text, pos, captures, rest)
        return stop if stop
      end
      nil
    end

    def match_seq(seq, k, text, pos, captures, rest)
      if k == seq.size
        return rest ? rest.call(pos) : pos
      end
      node = seq[k]
      case node[0]
      when :lit
        text[pos] == node[1] ? match_seq(seq, k + 1, text, pos + 1, captures, rest) : nil
      when :set
        c = text[pos]
        return nil if c.nil?
        inside = node[1].include?(c)
        inside != node[2] ? match_seq(seq, k + 1, text, pos + 1, captures, rest) : nil
      when :bol
        pos == 0 ? match_seq(seq, k + 1, text, pos, captures, rest) : nil
      when :eol
        pos == text.size ? match_seq(seq, k + 1, text, pos, captures, rest) : nil
      when :group
        after = lambda do |stop|
          saved = captures[node[2]] if node[2]
          captures[node[2]] = [pos, stop] if node[2]
          result = match_seq(seq, k + 1, text, stop, captures, rest)
          captures[node[2]] = saved if node[2] && result.nil?
          result
        end
        stop = match(node[1], 0, text, pos, captures, after)
        return stop if stop
        node[3] ? match_seq(seq, k + 1, text, pos, captures, rest) : nil
      end
    end
  end

  module Inflector
    # [pattern, replacement], newest first; read into Rules on first use (RULES), so that a
    # config that never pluralizes pays nothing for them when the VM starts.
    PLURALS = []
    SINGULARS = []
    RULES = {}
    UNCOUNTABLES = %w[equipment information rice money species series fish sheep jeans police].freeze

    def self.plural(rule, replacement)
      PLURALS.unshift([rule, replacement])
    end

    def self.singular(rule, replacement)
      SINGULARS.unshift([rule, replacement])
    end

    def self.rules(kind)
      RULES[kind] ||= (kind == :plural ? PLURALS : SINGULARS).map { |rule, replacement| Rule.new(rule, replacement) }
    end

    def self.irregular(singular, plural)
      s0 = singular[0]
      srest = singular[1..-1]
      p0 = plural[0]
      prest = plural[1..-1]
      plural("(#{s0})#{srest}$", "\\1#{prest}")
      plural("(#{p0})#{prest}$", "\\1#{prest}")
      singular("(#{s0})#{srest}$", "\\1#{srest}")
      singular("(#{p0})#{prest}$", "\\1#{srest}")
    end

    plural("$", "s")
    plural("s$", "s")
    plural("^(ax|test)is$", "\\1es")
    plural("(octop|vir)us$", "\\1i")
    plural("(octop|vir)i$", "\\1i")
    plural("(alias|status)$", "\\1es")
    plural("(bu)s$", "\\1ses")
    plural("(buffal|tomat)o$", "\\1oes")
    plural("([ti])um$", "\\1a")
    plural("([ti])a$", "\\1a")
    plural("sis$", "ses")
    plural("(?:([^f])fe|([lr])f)$", "\\1\\2ves")
    plural("(hive)$", "\\1s")
    plural("([^aeiouy]|qu)y$", "\\1ies")
    plural("(x|ch|ss|sh)$", "\\1es")
    plural("(matr|vert|ind)(?:ix|ex)$", "\\1ices")
    plural("^(m|l)ouse$", "\\1ice")
    plural("^(m|l)ice$", "\\1ice")
    plural("^(ox)$", "\\1en")
    plural("^(oxen)$", "\\1")
    plural("(quiz)$", "\\1zes")

    singular("s$", "")
    singular("(ss)$", "\\1")
    singular("(n)ews$", "\\1ews")
    singular("([ti])a$", "\\1um")
    singular("((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$", "\\1sis")
    singular("(^analy)(sis|ses)$", "\\1sis")
    singular("([^f])ves$", "\\1fe")
    singular("(hive)s$", "\\1")
    singular("(tive)s$", "\\1")
    singular("([lr])ves$", "\\1f")
    singular("([^aeiouy]|qu)ies$", "\\1y")
    singular("(s)eries$", "\\1eries")
    singular("(m)ovies$", "\\1ovie")
    singular("(x|ch|ss|sh)es$", "\\1")
    singular("^(m|l)ice$", "\\1ouse")
    singular("(bus)(es)?$", "\\1")
    singular("(o)es$", "\\1")
    singular("(shoe)s$", "\\1")
    singular("(cris|test)(is|es)$", "\\1is")
    singular("^(a)x[ie]s$", "\\1xis")
    singular("(octop|vir)(us|i)$", "\\1us")
    singular("(alias|status)(es)?$", "\\1")
    singular("^(ox)en", "\\1")
    singular("(vert|ind)ices$", "\\1ex")
    singular("(matr)ices$", "\\1ix")
    singular("(quiz)zes$", "\\1")
    singular("(database)s$", "\\1")

    irregular("person", "people")
    irregular("man", "men")
    irregular("child", "children")
    irregular("sex", "sexes")
    irregular("move", "moves")
    irregular("zombie", "zombies")
    PLURALS.freeze
    SINGULARS.freeze

    # AS: /\b#{word}\Z/i, the word at the end, after a word boundary.
    def self.uncountable?(word)
      text = word.downcase
      UNCOUNTABLES.any? do |u|
        at = text.size - u.size
        text.end_with?(u) && (at == 0 || !Chars.word?(text[at - 1]))
      end
    end

    def self.apply_inflections(word, kind)
      result = word.to_s.dup
      return result if result.empty? || uncountable?(result)
      rules(kind).each do |rule|
        replaced = rule.apply(result)
        return replaced if replaced
      end
      result
    end

    def self.pluralize(word, count = nil)
      count == 1 ? word.to_s.dup : apply_inflections(word, :plural)
    end

    def self.singularize(word)
      apply_inflections(word, :singular)
    end

    def self.capitalize_run(run)
      run.empty? ? run : run[0].upcase + run[1..-1].downcase
    end

    def self.camelize(term, uppercase_first_letter = true)
      s = term.to_s
      out = ""
      i = 0
      if uppercase_first_letter
        i += 1 while Chars.lower?(s[i]) || Chars.digit?(s[i])
        out << capitalize_run(s[0, i])
      elsif Chars.word?(s[0])
        out << s[0].downcase
        i = 1
      end
      while i < s.size
        c = s[i]
        if c == "_" || c == "/"
          j = i + 1
          j += 1 while Chars.alnum?(s[j])
          out << "::" if c == "/"
          out << capitalize_run(s[(i + 1)...j])
          i = j
        else
          out << c
          i += 1
        end
      end
      out
    end

    def self.underscore(camel_cased_word)
      word = camel_cased_word.to_s
      return camel_cased_word unless word.include?("-") || word.include?("::") || word.each_char.any? { |c| Chars.upper?(c) }
      word = word.gsub("::", "/")
      out = ""
      i = 0
      while i < word.size
        c = word[i]
        out << c
        nxt = word[i + 1]
        if (Chars.upper?(c) && Chars.upper?(nxt) && Chars.lower?(word[i + 2])) ||
           ((Chars.lower?(c) || Chars.digit?(c)) && Chars.upper?(nxt))
          out << "_"
        end
        i += 1
      end
      out.tr("-", "_").downcase
    end

    def self.humanize(word, capitalize: true, keep_id_suffix: false)
      result = word.to_s.dup
      i = 0
      i += 1 while result[i] == "_"
      result = result[i..-1]
      result = result[0, result.size - 3] if !keep_id_suffix && result.end_with?("_id")
      result = result.tr("_", " ")
      out = ""
      result.each_char { |c| out << (Chars.upper?(c) ? c.downcase : c) }
      out[0] = out[0].upcase if capitalize && Chars.word?(out[0])
      out
    end

    def self.upcase_first(string)
      string.size > 0 ? string[0].upcase + string[1..-1] : ""
    end

    def self.downcase_first(string)
      string.size > 0 ? string[0].downcase + string[1..-1] : ""
    end

    # AS: humanize(underscore(word)).gsub(/\b(?<!\w['’`()])[a-z]/) { capitalize }
    def self.titleize(word, keep_id_suffix: false)
      text = humanize(underscore(word), keep_id_suffix: keep_id_suffix)
      out = ""
      i = 0
      while i < text.size
        c = text[i]
        if Chars.lower?(c) && (i == 0 || !Chars.word?(text[i - 1]))
          quoted = i >= 2 && ["'", "`", "(", ")"].include?(text[i - 1]) && Chars.word?(text[i - 2])
          quoted ||= i >= 4 && text.byteslice(i - 3, 3) == "\u2019" && Chars.word?(text[i - 4])
          out << (quoted ? c : c.upcase)
        else
          out << c
        end
        i += 1
      end
      out
    end

    def self.tableize(class_name)
      pluralize(underscore(class_name))
    end

    def self.classify(table_name)
      name = table_name.to_s
      dot = name.rindex(".")
      camelize(singularize(dot ? name[(dot + 1)..-1] : name))
    end

    def self.dasherize(underscored_word)
      underscored_word.tr("_", "-")
    end

    def self.demodulize(path)
      path = path.to_s
      i = path.rindex("::")
      i ? path[(i + 2)..-1] : path
    end

    def self.deconstantize(path)
      path.to_s[0, path.rindex("::") || 0]
    end

    def self.foreign_key(class_name, separate_class_name_and_id_with_underscore = true)
      underscore(demodulize(class_name)) + (separate_class_name_and_id_with_underscore ? "_id" : "id")
    end

    def self.constantize(camel_cased_word)
      name = camel_cased_word.to_s
      name = name[2..-1] if name.start_with?("::")
      name.split("::").inject(Object) do |scope, const|
        raise NameError, "uninitialized constant #{camel_cased_word}" unless scope.const_defined?(const)
        scope.const_get(const)
      end
    end

    def self.safe_constantize(camel_cased_word)
      constantize(camel_cased_word)
    rescue NameError
      nil
    end

    def self.ordinal(number)
      abs_number = number.to_i.abs
      if (11..13).include?(abs_number % 100)
        "th"
      else
        case abs_number % 10
        when 1 then "st"
        when 2 then "nd"
        when 3 then "rd"
        else "th"
        end
      end
    end

    def self.ordinalize(number)
      "#{number}#{ordinal(number)}"
    end

    # Latin letters with accents become their base letter (AS's I18n transliteration, for the
    # common cases); any other non-ASCII character becomes "?".
    TRANSLITERATIONS = {
      "À" => "A", "Á" => "A", "Â" => "A", "Ã" => "A", "Ä" => "A", "Å" => "A", "Æ" => "AE", "Ç" => "C",
      "È" => "E", "É" => "E", "Ê" => "E", "Ë" => "E", "Ì" => "I", "Í" => "I", "Î" => "I", "Ï" => "I",
      "Ð" => "D", "Ñ" => "N", "Ò" => "O", "Ó" => "O", "Ô" => "O", "Õ" => "O", "Ö" => "O", "×" => "x",
      "Ø" => "O", "Ù" => "U", "Ú" => "U", "Û" => "U", "Ü" => "U", "Ý" => "Y", "Þ" => "Th", "ß" => "ss",
      "à" => "a", "á" => "a", "â" => "a", "ã" => "a", "ä" => "a", "å" => "a", "æ" => "ae", "ç" => "c",
      "è" => "e", "é" => "e", "ê" => "e", "ë" => "e", "ì" => "i", "í" => "i", "î" => "i", "ï" => "i",
      "ð" => "d", "ñ" => "n", "ò" => "o", "ó" => "o", "ô" => "o", "õ" => "o", "ö" => "o", "ø" => "o",
      "ù" => "u", "ú" => "u", "û" => "u", "ü" => "u", "ý" => "y", "þ" => "th", "ÿ" => "y",
    }.freeze

    def self.transliterate(string, replacement = "?")
      out = ""
      s = string.to_s
      i = 0
      while i < s.bytesize
        byte = s.getbyte(i)
        width = [Chars.utf8_width(byte), 1].max
        char = s.byteslice(i, width)
        out << (width == 1 ? char : (TRANSLITERATIONS[char] || replacement))
        i += width
      end
      out
    end

    def self.parameterize(string, separator: "-", preserve_case: false, locale: nil)
      text = transliterate(string)
      out = ""
      run = false
      text.each_char do |c|
        if Chars.alnum?(c) || c == "-" || c == "_"
          out << c
          run = false
        else
          out << separator.to_s unless run
          run = true
        end
      end
      sep = separator.to_s
      unless sep.empty?
        out = out.gsub(sep + sep, sep) while out.include?(sep + sep)
        out = out[sep.size..-1] while out.start_with?(sep)
        out = out[0, out.size - sep.size] while out.end_with?(sep) && !out.empty?
      end
      preserve_case ? out : out.downcase
    end
  end

  ::ActiveSupport::Inflector = Inflector
end
