# Regexp and MatchData as Ruby has them, matched by PCRE2 in the host (host/eval/regexp_native.cc:
# Host.regexp_search and friends); the String methods that take a pattern are in
# ruby_compat.rb. Offsets are bytes, as this mruby's String indexes are (Ruby's are characters:
# the same for ASCII text).
module Jetsam
class ::RegexpError < StandardError
end

class ::Regexp
  IGNORECASE = 1
  EXTENDED = 2
  MULTILINE = 4
  FIXEDENCODING = 16

  # mruby compiles /src/flags to Regexp.compile("src", "flags"): the letters are the literal's
  # flags here (Ruby 3.1's Regexp.new reads any String as IGNORECASE).
  def self.compile(source, options = nil, *rest)
    if options.is_a?(String)
      options = (options.include?("i") ? IGNORECASE : 0) | (options.include?("x") ? EXTENDED : 0) |
                (options.include?("m") ? MULTILINE : 0)
    end
    new(source, options, *rest).freeze  # as Ruby's literals are
  end

  attr_reader :source, :options

  def initialize(source, options = nil, _encoding = nil)
    @source = source.is_a?(Regexp) ? source.source : source.to_s
    options = source.options if source.is_a?(Regexp)
    @options =
      case options
      when Integer then options
      when nil, false then 0
      else IGNORECASE
      end
    @options |= FIXEDENCODING if __fixed_encoding?
    __check
  end

  # As Ruby: a pattern with a character past ASCII or a property (\p{Alpha}) is bound to its
  # encoding, and says so in its options.
  def __fixed_encoding?
    return true if @source.bytes.any? { |b| b >= 0x80 }
    at = 0
    while (at = @source.index("\\", at))
      c = @source[at + 1]
      return true if c == "p" || c == "P"
      if c == "u"  # \u00e9 or \u{e9}: a code point past ASCII
        braced = @source[at + 2] == "{"
        from = braced ? at + 3 : at + 2
        digits = 0
        digits += 1 while digits < (braced ? 6 : 4) && (d = @source[from + digits]) && "0123456789abcdefABCDEF".include?(d)
        return true if digits > 0 && @source[from, digits].to_i(16) >= 0x80
      end
      at += 2
    end
    false
  end

  def ==(other)
    other.is_a?(Regexp) && other.source == source && other.options == options
  end
  alias eql? ==

  def hash
    source.hash ^ options
  end

  def casefold?
    options & IGNORECASE != 0
  end

  def fixed_encoding?
    options & FIXEDENCODING != 0
  end

  # As Ruby: US-ASCII unless the pattern is bound to UTF-8 (Encoding is in ruby_compat.rb).
  def encoding
    fixed_encoding? ? ::Encoding::UTF_8 : ::Encoding::US_ASCII
  end

  def inspect
    "/#{source}/#{__flags}"
  end

  # As Ruby: /\AFEATURE_/.to_s is "(?-mix:\AFEATURE_)", and options the source opens with,
  # (?i) or a (?i:...) around all of it, move into the prefix: /(?i)a/.to_s is "(?i-mx:a)".
  def to_s
    text, opts = __absorb_options
    on = __flags(opts)
    off = "mix".delete(on)
    "(?#{on}#{off.empty? ? '' : "-#{off}"}:#{text})"
  end

  # [source, options] with the option groups source opens with folded into the options, as
  # Ruby's Regexp#to_s reads them (onig's rb_reg_to_s); the source as it is when that fails.
  def __absorb_options
    text = source
    opts = options
    letters = { "i" => IGNORECASE, "x" => EXTENDED, "m" => MULTILINE }
    while text.size >= 4 && text.start_with?("(?")
      at = 2
      at += 1 while letters[text[at]] && (opts |= letters[text[at]])
      if text[at] == "-" && at + 1 < text.size
        at += 1
        at += 1 while letters[text[at]] && (opts &= ~letters[text[at]])
      end
      if text[at] == ")"
        text = text[(at + 1)..-1]
        next
      end
      if text[at] == ":" && text[-1] == ")"
        inner = text[(at + 1)...-1]
        begin
          Host.regexp_check(inner, opts)
          return [inner, opts]
        rescue RegexpError
          nil
        end
      end
      return [source, options]
    end
    [text, opts]
  end

  # mruby compiles /src/flags to Regexp.compile("src", "flags"): checked here, as Ruby checks a
  # literal when it reads it. (The prelude makes none while it loads: Host comes after it.)
  def __check
    Host.regexp_check(@source, @options)
  end

  def self.escape(text)
    text = text.to_s if text.is_a?(Symbol)
    out = ""
    text.each_char do |c|
      out << (ESCAPES[c] || c)
    end
    out
  end

  def self.quote(text)
    escape(text)
  end

  ESCAPES = {
    "\n" => "\\n", "\t" => "\\t", "\r" => "\\r", "\f" => "\\f", "\v" => "\\v", " " => "\\ ",
    "[" => "\\[", "]" => "\\]", "{" => "\\{", "}" => "\\}", "(" => "\\(", ")" => "\\)", "|" => "\\|",
    "-" => "\\-", "*" => "\\*", "." => "\\.", "\\" => "\\\\", "?" => "\\?", "+" => "\\+", "^" => "\\^",
    "$" => "\\$", "#" => "\\#"
  }.freeze

  def self.union(*patterns)
    patterns = patterns[0] if patterns.size == 1 && patterns[0].is_a?(Array)
    return new("(?!)") if patterns.empty?
    return patterns[0] if patterns.size == 1 && patterns[0].is_a?(Regexp)
    return new(escape(patterns[0])) if patterns.size == 1  # a Symbol too, as Ruby
    new(patterns.map do |p|
      next p.to_s if p.is_a?(Regexp)
      raise TypeError, "no implicit conversion of #{p.class} into String" unless p.is_a?(String)
      escape(p)
    end.join("|"))
  end

  def self.last_match(group = nil)
    group.nil? ? $~ : ($~ && $~[group])
  end

  # $~ and the variables read from it ($&, $`, $', $1 to $9). Ruby keeps them per method; here
  # they are the last match anywhere.
  def self.__last=(match)
    Host.regexp_last(match, match && [match[0], match.pre_match, match.post_match, *match.captures.first(9)])
  end

  def match(string, pos = 0)
    if string.nil?
      Regexp.__last = nil
      return nil
    end
    string = __string(string)
    pos = string.bytesize if pos > string.bytesize  # as Ruby: past the end searches at the end
    m = __match(string, pos)
    Regexp.__last = m
    m && block_given? ? yield(m) : m
  end

  def match?(string, pos = 0)
    return false if string.nil?
    !__match(__string(string), pos).nil?
  end

  def =~(string)
    m = match(string)
    m && m.__started
  end

  def ===(other)
    other = other.to_s if other.is_a?(Symbol)
    return false unless other.is_a?(String)
    !match(other).nil?
  end

  def names
    __groups.map(&:first).uniq
  end

  def named_captures
    out = {}
    __groups.each { |name, group| (out[name] ||= []) << group }
    out
  end

  def ~
    nil
  end

  # The match at or after `pos` (negative: from the end), without touching $~.
  def __match(string, pos = 0)
    pos += string.bytesize if pos < 0
    return nil if pos < 0 || pos > string.bytesize
    __match_bytes(string, pos)
  end

  # `anchored`: only a match that starts at `byte`.
  def __match_bytes(string, byte, anchored = false)
    offsets = Host.regexp_search(@source, @options, string, byte, anchored)
    offsets && MatchData.new(self, string, offsets)
  end

  # [[name, group]], in the order of the groups.
  def __groups
    Host.regexp_names(@source, @options).sort_by { |_name, group| group }
  end

  def __string(value)
    value = value.to_s if value.is_a?(Symbol)
    raise TypeError, "no implicit conversion of #{value.class} into String" unless value.is_a?(String)
    value
  end

  # The width in bytes of the character at byte `at` of `string` (UTF-8; 1 for a stray byte).
  def self.__width(string, at)
    b = string.getbyte(at)
    return 1 if b.nil? || b < 0xC0
    b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2)
  end

  private

  def __flags(opts = options)
    flags = ""
    flags << "m" if opts & MULTILINE != 0
    flags << "i" if opts & IGNORECASE != 0
    flags << "x" if opts & EXTENDED != 0
    flags
  end
end

class ::MatchData
  attr_reader :regexp, :string

  def initialize(regexp, string, offsets)
    @regexp = regexp
    @string = string.frozen? ? string : string.dup.freeze
    @offsets = offsets
  end

  def size
    @offsets.size / 2
  end
  alias length size

  def [](index, length = nil)
    return to_a[index, length] if length
    return to_a[index] if index.is_a?(Range)
    group = __group(index)
    return nil unless group
    b = @offsets[2 * group]
    b && @string.byteslice(b, @offsets[2 * group + 1] - b)
  end

  def to_a
    (0...size).map { |i| self[i] }
  end

  def captures
    to_a.drop(1)
  end

  def names
    @regexp.names
  end

  def named_captures
    out = {}
    names.each { |name| out[name] = self[name] }
    out
  end

  def values_at(*indexes)
    out = []
    indexes.each { |i| i.is_a?(Range) ? out.concat(to_a.values_at(i)) : out << self[i] }
    out
  end

  # Ruby 3.1: the group's text, IndexError where there is no such group.
  def match(index)
    self[__group!(index)]
  end

  def match_length(index)
    text = match(index)
    text && text.size
  end

  def pre_match
    @string.byteslice(0, @offsets[0])
  end

  def post_match
    @string.byteslice(@offsets[1], @string.bytesize - @offsets[1])
  end

  def begin(index)
    @offsets[2 * __group!(index)]
  end

  def end(index)
    @offsets[2 * __group!(index) + 1]
  end

  def offset(index)
    [self.begin(index), self.end(index)]
  end

  def to_s
    self[0]
  end

  def ==(other)
    other.is_a?(MatchData) && other.regexp == regexp && other.string == string && other.__offsets == @offsets
  end
  alias eql? ==

  def inspect
    named = {}
    @regexp.__groups.each { |name, group| named[group] = name }
    parts = (1...size).map { |i| "#{named[i] || i}:#{self[i].nil? ? 'nil' : self[i].inspect}" }
    "#<MatchData #{self[0].inspect}#{parts.map { |p| " #{p}" }.join}>"
  end

  def __offsets
    @offsets
  end

  # Where the match started: before group 0 past a \K (the native's odd last offset).
  def __started
    @offsets.size % 2 == 1 ? @offsets[-1] : @offsets[0]
  end

  # Byte bounds of group 0, for the String methods that walk matches.
  def __bytes
    [@offsets[0], @offsets[1]]
  end

  # `replacement` with \0 to \9, \&, \`, \', \k<name> and \\ filled in, as sub and gsub do.
  def __expand(replacement)
    out = ""
    i = 0
    n = replacement.size
    numbered = nil  # Ruby drops \1 to \9 where the pattern names its groups
    while i < n
      c = replacement[i]
      if c != "\\" || i + 1 == n
        out << c
        i += 1
        next
      end
      d = replacement[i + 1]
      i += 2
      case d
      when "0" then out << self[0]
      when "1".."9"
        numbered = names.empty? if numbered.nil?
        out << self[d.to_i].to_s if numbered
      when "&" then out << self[0]
      when "`" then out << pre_match
      when "'" then out << post_match
      when "\\" then out << "\\"
      when "k"
        close = replacement.index(">", i)
        if replacement[i] == "<" && close
          out << self[replacement[(i + 1)...close]].to_s
          i = close + 1
        else
          out << "\\k"
        end
      else out << "\\" << d
      end
    end
    out
  end

  private

  def __group(index)
    if index.is_a?(String) || index.is_a?(Symbol)
      name = index.to_s
      groups = @regexp.__groups.select { |n, _g| n == name }.map(&:last)
      raise IndexError, "undefined group name reference: #{name}" if groups.empty?
      return groups.reverse.find { |g| @offsets[2 * g] } || groups.last
    end
    index = index.to_int
    if index < 0  # as Ruby: from the end, and never the whole match (m[-size] is nil)
      index += size
      return nil if index <= 0
    end
    index < size ? index : nil
  end

  # begin, end and offset take no index from the end.
  def __group!(index)
    group = index.is_a?(Integer) && index < 0 ? nil : __group(index)
    raise IndexError, "index #{index} out of matches" unless group
    group
  end
end

# The String and Symbol methods that take a pattern: a String, or a Regexp matched as above.
class ::String
  # Ruby reads a String pattern as a regular expression in match and match?.
  def match?(pattern, pos = 0)
    (pattern.is_a?(Regexp) ? pattern : Regexp.new(pattern)).match?(self, pos)
  end

  def =~(pattern)
    raise TypeError, "wrong argument type String (expected Regexp)" if pattern.is_a?(String)
    pattern =~ self
  end

  def match(pattern, pos = 0, &block)
    (pattern.is_a?(Regexp) ? pattern : Regexp.new(pattern)).match(self, pos, &block)
  end

  alias __jetsam_aref []

  def [](*args)
    return __jetsam_aref(*args) unless args[0].is_a?(Regexp)
    m = args[0].match(self)
    m && m[args[1] || 0]
  end

  def slice(*args)
    self[*args]
  end

  alias __jetsam_aset []=

  # s[/re/] = "x" and s[/re/, group] = "x": the match (or group) replaced in place.
  def []=(*args)
    return __jetsam_aset(*args) unless args[0].is_a?(Regexp)
    raise ArgumentError, "wrong number of arguments (given #{args.size}, expected 2..3)" unless args.size.between?(2, 3)
    value = args[-1]
    raise TypeError, "no implicit conversion of #{value.class} into String" unless value.is_a?(String)
    m = args[0].match(self)
    raise IndexError, "regexp not matched" unless m
    group = args.size == 3 ? args[1] : 0
    if group.is_a?(Integer) && (group >= m.size || group < -m.size + 1 && group < 0)
      raise IndexError, "index #{group} out of regexp"
    end
    b = m.begin(group.is_a?(Integer) && group < 0 ? group + m.size : group)
    raise IndexError, "regexp group #{group} not matched" unless b
    e = m.end(group.is_a?(Integer) && group < 0 ? group + m.size : group)
    replace(byteslice(0, b) + value + byteslice(e, bytesize - e))
    value
  end

  alias __jetsam_slice! slice!

  def slice!(*args)
    return __jetsam_slice!(*args) unless args[0].is_a?(Regexp)
    m = args[0].match(self)
    return nil unless m
    group = args[1] || 0
    text = m[group]
    return nil unless text
    b = m.begin(group.is_a?(Integer) && group < 0 ? group + m.size : group)
    replace(byteslice(0, b) + byteslice(b + text.bytesize, bytesize - b - text.bytesize))
    text
  end

  alias __jetsam_index index

  def index(pattern, pos = 0)
    return __jetsam_index(pattern, pos) unless pattern.is_a?(Regexp)
    m = pattern.__match(self, pos)
    Regexp.__last = m
    m && m.begin(0)
  end

  alias __jetsam_rindex rindex

  def rindex(pattern, pos = nil)
    return (pos.nil? ? __jetsam_rindex(pattern) : __jetsam_rindex(pattern, pos)) unless pattern.is_a?(Regexp)
    pos = pos.nil? ? size : (pos < 0 ? pos + size : [pos, size].min)
    subject = frozen? ? self : dup.freeze
    while pos >= 0
      m = pattern.__match_bytes(subject, pos, true)
      if m
        Regexp.__last = m
        return m.begin(0)  # past a \K, as Ruby
      end
      pos -= 1
    end
    Regexp.__last = nil
    nil
  end

  alias __jetsam_start_with? start_with?

  def start_with?(*prefixes)
    prefixes.any? do |p|
      next __jetsam_start_with?(p) unless p.is_a?(Regexp)
      m = p.__match_bytes(self, 0, true)
      Regexp.__last = m  # nil when it does not match, as Ruby
      !m.nil?
    end
  end

  alias __jetsam_partition partition
  alias __jetsam_rpartition rpartition

  def partition(pattern)
    return __jetsam_partition(pattern) unless pattern.is_a?(Regexp)
    m = pattern.match(self)
    m ? [m.pre_match, m[0], m.post_match] : [dup, "", ""]
  end

  def rpartition(pattern)
    return __jetsam_rpartition(pattern) unless pattern.is_a?(Regexp)
    at = rindex(pattern)
    return ["", "", dup] unless at
    m = $~
    [m.pre_match, m[0], m.post_match]
  end

  alias __jetsam_sub sub

  def sub(pattern, *args, &block)
    return __jetsam_regexp_sub(pattern, true, args, block) if pattern.is_a?(Regexp)
    __jetsam_sub(pattern, *args, &block)
  end

  alias __jetsam_split split

  # As Ruby: an empty match where a piece starts splits nothing (the search moves on a
  # character), one anywhere else does, the end of the string included; a positive limit counts
  # pieces, not the captures between them.
  def split(pattern = nil, limit = 0)
    return __jetsam_split(pattern, limit) unless pattern.is_a?(Regexp)
    return (Regexp.__last = nil) || [] if empty?
    return [dup] if limit == 1
    subject = frozen? ? self : dup.freeze  # one copy for every match's MatchData
    result = []
    piece = 0  # where the current piece starts
    at = 0     # where the next search starts
    pieces = 1
    last = nil
    while at <= bytesize && (m = pattern.__match_bytes(subject, at))
      b, e = m.__bytes
      if b == e && b == piece
        at = b + Regexp.__width(self, b)
        next
      end
      result << byteslice(piece, b - piece)
      m.captures.each { |c| result << c if c }
      piece = at = e
      pieces += 1
      next unless limit > 0 && pieces >= limit
      last = m  # $~ after: this match when the limit stops the split, else nil (as Ruby)
      break
    end
    Regexp.__last = last
    result << byteslice(piece, bytesize - piece)
    result.pop while limit == 0 && !result.empty? && result[-1].empty?
    result
  end

  def scan(pattern, &block)
    unless pattern.is_a?(Regexp)
      found = []
      return found if pattern.empty?
      at = 0
      while (i = __jetsam_index(pattern, at))
        found << pattern.dup
        at = i + pattern.size
      end
      return block ? (found.each(&block); self) : found
    end
    subject = frozen? ? self : dup.freeze  # one copy for every match's MatchData
    found = []
    at = 0
    last = nil
    while at <= bytesize && (m = pattern.__match_bytes(subject, at))
      last = m
      b, e = m.__bytes
      item = m.size > 1 ? m.captures : m[0]
      if block
        Regexp.__last = m
        block.call(item)
      else
        found << item
      end
      at = b == e ? e + Regexp.__width(self, e) : e
    end
    Regexp.__last = last
    block ? self : found
  end

  alias __jetsam_gsub gsub

  # gsub(String, Hash): each match replaced by its value in the Hash.
  def gsub(pattern, *args, &block)
    return to_enum(:gsub, pattern) if args.empty? && !block  # each match, $~ set in the block
    return __jetsam_regexp_sub(pattern, false, args, block) if pattern.is_a?(Regexp)
    if args.size == 1 && args[0].is_a?(Hash)
      table = args[0]
      return __jetsam_gsub(pattern) { |m| table[m].to_s }
    end
    __jetsam_gsub(pattern, *args, &block)
  end

  # sub (once) and gsub with a Regexp: the replacement String with \1 and the like, a Hash of
  # matches, or the block's value; $~ is each match in the block, and the last one after.
  def __jetsam_regexp_sub(pattern, once, args, block)
    raise ArgumentError, "wrong number of arguments (given #{args.size + 1}, expected 1..2)" if args.size > 1
    raise ArgumentError, "#{once ? 'sub' : 'gsub'} needs a replacement or a block" if args.empty? && !block
    replacement = args[0]
    unless args.empty? || replacement.is_a?(String) || replacement.is_a?(Hash)
      raise TypeError, "no implicit conversion of #{replacement.class} into String"
    end
    subject = frozen? ? self : dup.freeze  # one copy for every match's MatchData
    out = ""
    at = 0
    last = nil
    while at <= bytesize && (m = pattern.__match_bytes(subject, at))
      last = m
      b, e = m.__bytes
      out << byteslice(at, b - at)
      out <<
        if replacement.is_a?(Hash) then replacement[m[0]].to_s
        elsif replacement
          begin
            m.__expand(replacement)
          rescue IndexError => e  # \k<name> of no group: $~ is the match that raised, as in Ruby
            Regexp.__last = m
            raise e
          end
        else
          Regexp.__last = m
          block.call(m[0]).to_s
        end
      if b == e
        width = Regexp.__width(self, e)
        out << byteslice(e, width) if e < bytesize
        at = e + width
      else
        at = e
      end
      break if once
    end
    out << byteslice(at, bytesize - at) if at < bytesize
    Regexp.__last = last
    out
  end
end

class ::Symbol
  # (Symbol#[], start_with? and end_with? are in ruby_compat.rb.)
  def slice(*args)
    to_s[*args]
  end

  def =~(pattern)
    to_s =~ pattern
  end

  def match(*args, &block)
    to_s.match(*args, &block)
  end

  def match?(*args)
    to_s.match?(*args)
  end
end
end
