# Methods of Ruby's core classes that configs use and this mruby 3.1 lacks (Jets runs configs in
# CRuby). The String methods that take a pattern are in mrblib/regexp.rb.
module Jetsam
  class ::Integer
    def odd?
      self % 2 == 1
    end

    def even?
      self % 2 == 0
    end

    def pow(exponent, modulus = nil)
      return self**exponent unless modulus
      result = 1
      base = self % modulus
      e = exponent
      while e > 0
        result = (result * base) % modulus if e.odd?
        base = (base * base) % modulus
        e >>= 1
      end
      result
    end

    def digits(base = 10)
      raise Math::DomainError, "out of domain" if self < 0
      return [0] if self == 0
      out = []
      n = self
      while n > 0
        out << n % base
        n /= base
      end
      out
    end

    def fdiv(other)
      to_f / other
    end

    def gcd(other)
      a = abs
      b = other.abs
      a, b = b, a % b while b != 0
      a
    end

    def lcm(other)
      return 0 if self == 0 || other == 0
      (self * other).abs / gcd(other)
    end

    def bit_length
      n = self < 0 ? ~self : self
      bits = 0
      while n > 0
        n >>= 1
        bits += 1
      end
      bits
    end
  end

  class ::Array
    def sort_by!(&block)
      return to_enum(:sort_by!) unless block
      replace(sort_by(&block))
    end

    alias __jetsam_min min
    alias __jetsam_max max

    def min(n = nil, &block)
      n ? sort(&block).first(n) : __jetsam_min(&block)
    end

    def max(n = nil, &block)
      n ? sort(&block).reverse.first(n) : __jetsam_max(&block)
    end
  end

  module ::Enumerable
    def chunk_while
      result = []
      each do |item|
        if result.empty? || !yield(result[-1][-1], item)
          result << [item]
        else
          result[-1] << item
        end
      end
      result.each
    end

    def slice_when
      chunk_while { |a, b| !yield(a, b) }
    end

    def grep_v(pattern, &block)
      misses = reject { |item| pattern === item }
      block ? misses.map(&block) : misses
    end
  end

  class ::Hash
    alias __jetsam_transform_keys transform_keys

    # Ruby 3.0: a Hash maps old keys to new ones.
    def transform_keys(mapping = nil, &block)
      return __jetsam_transform_keys(&block) unless mapping
      result = {}
      each { |k, v| result[mapping.key?(k) ? mapping[k] : (block ? block.call(k) : k)] = v }
      result
    end
  end

  class ::String
    def -@
      frozen? ? self : dup.freeze
    end

    def +@
      frozen? ? dup : self
    end

    # This mruby's Strings are bytes, and configs' text is UTF-8.
    def encoding
      ::Encoding::UTF_8
    end

    def force_encoding(_encoding)
      self
    end

    def b
      dup
    end

    def valid_encoding?
      is_utf8?
    end

    def scrub(replacement = "\uFFFD")
      return dup if is_utf8?
      out = ""
      i = 0
      while i < bytesize
        byte = getbyte(i)
        width = Chars.utf8_width(byte)
        char = width > 0 ? byteslice(i, width) : nil
        if char && char.is_utf8?
          out << char
          i += width
        else
          out << replacement
          i += 1
        end
      end
      out
    end

    def unicode_normalize(_form = :nfc)
      dup
    end

    def sum(bits = 16)
      total = 0
      each_byte { |b| total += b }
      bits > 0 ? total & ((1 << bits) - 1) : total
    end
  end

  class ::Encoding
    attr_reader :name

    def initialize(name)
      @name = name
    end

    def to_s
      @name
    end

    def inspect
      "#<Encoding:#{@name}>"
    end

    UTF_8 = new("UTF-8")
    BINARY = new("ASCII-8BIT")
    ASCII_8BIT = BINARY
    US_ASCII = new("US-ASCII")

    def self.default_external
      UTF_8
    end

    def self.default_internal
      nil
    end
  end

  class ::Symbol
    def start_with?(*prefixes)
      to_s.start_with?(*prefixes)
    end

    def end_with?(*suffixes)
      to_s.end_with?(*suffixes)
    end

    def [](*args)
      to_s[*args]
    end
  end

  class ::Range
    def step(n = 1, &block)
      return to_enum(:step, n) unless block
      raise ArgumentError, "step can't be negative" if n < 0
      raise ArgumentError, "step can't be 0" if n == 0
      if first.is_a?(Numeric)
        v = first
        while last.nil? || (exclude_end? ? v < last : v <= last)
          yield v
          v += n
        end
      else
        each_with_index { |v, i| yield v if i % n == 0 }
      end
      self
    end
    alias % step
  end

  class UncaughtThrow < ::ArgumentError
    attr_reader :tag, :value

    def initialize(tag, value)
      @tag = tag
      @value = value
      super("uncaught throw #{tag.inspect}")
    end
  end
  Object.const_set(:UncaughtThrowError, UncaughtThrow)

  module ::Kernel
    def catch(tag = Object.new)
      yield tag
    rescue UncaughtThrow => e
      raise e unless e.tag.equal?(tag) || e.tag == tag
      e.value
    end

    def throw(tag, value = nil)
      raise UncaughtThrow.new(tag, value)
    end

    # The directory of the config file whose code calls it, in the checkout (Jets' __dir__ is
    # that file's directory on disk).
    def __dir__
      Host.caller_dir
    end

    # Ruby 2.6's `exception: false` (`Integer(ENV["PORT"], exception: false) || 80`): mruby 3.1
    # takes only the value and the base, and would read the option as the base.
    alias __jetsam_integer Integer
    alias __jetsam_float Float

    def Integer(value, base = nil, exception: true)
      return (base ? __jetsam_integer(value, base) : __jetsam_integer(value)) if exception
      begin
        base ? __jetsam_integer(value, base) : __jetsam_integer(value)
      rescue ArgumentError, TypeError, RangeError
        nil
      end
    end

    def Float(value, exception: true)
      return __jetsam_float(value) if exception
      begin
        __jetsam_float(value)
      rescue ArgumentError, TypeError
        nil
      end
    end
  end

  # Struct.new(..., keyword_init: true), and Ruby 3.2's keyword arguments to a plain Struct's new
  # (`Point.new(x: 1, y: 2)`): mruby 3.1's Struct would take the option for a member and the
  # keywords for the first member's value. A module between the class and Struct turns keywords
  # into the members' values (a block's own initialize still comes first).
  class ::Struct
    class << self
      alias __jetsam_struct_new new

      def new(*members, keyword_init: nil, &block)
        klass = __jetsam_struct_new(*members)
        klass.include(keyword_init ? StructKeywordInit : keyword_init.nil? ? StructKeywords : StructPositional)
        klass.singleton_class.prepend(StructNew)
        klass.class_eval(&block) if block
        klass
      end
    end
  end

  # A Struct class's own new (C) hands keywords to initialize as a Hash: this one keeps them
  # keywords.
  module StructNew
    def new(*args, **kw, &block)
      object = allocate
      object.__send__(:initialize, *args, **kw, &block)
      object
    end

    def [](*args, **kw)
      new(*args, **kw)
    end
  end

  # The values of a Struct's members from keywords, as Ruby 3.2 takes them.
  def self.struct_values(klass, kw)
    unknown = kw.keys.map(&:to_sym) - klass.members
    raise ArgumentError, "unknown keywords: #{unknown.join(', ')}" unless unknown.empty?
    klass.members.map { |m| kw.key?(m) ? kw[m] : kw[m.to_s] }
  end

  module StructKeywords  # keyword_init: nil (the default): keywords alone name the members
    def initialize(*args, **kw)
      return super(*args) if kw.empty?
      return super(*args, kw) unless args.empty?
      super(*Jetsam.struct_values(self.class, kw))
    end
  end

  module StructKeywordInit  # keyword_init: true: only keywords
    def initialize(*args, **kw)
      raise ArgumentError, "wrong number of arguments (given #{args.size}, expected 0)" unless args.empty?
      super(*Jetsam.struct_values(self.class, kw))
    end
  end

  module StructPositional  # keyword_init: false: keywords are a Hash value
    def initialize(*args, **kw)
      kw.empty? ? super(*args) : super(*args, kw)
    end
  end

  module ::Comparable
    # Ruby 2.7's clamp(range): mruby 3.1 takes only clamp(min, max).
    alias __jetsam_clamp clamp

    def clamp(min, max = nil)
      return __jetsam_clamp(min, max) unless max.nil? && min.is_a?(Range)
      range = min
      raise ArgumentError, "cannot clamp with an exclusive range" if range.exclude_end? && !range.end.nil?
      return self if range.begin.nil? && range.end.nil?
      return (self > range.end ? range.end : self) if range.begin.nil?
      return (self < range.begin ? range.begin : self) if range.end.nil?
      __jetsam_clamp(range.begin, range.end)
    end
  end

  class ::Module
    # Marks nothing private here: a config's constants stay reachable.
    def private_constant(*_names)
      nil
    end

    def public_constant(*_names)
      nil
    end
  end

  class ::Time
    MONTHS = %w[January February March April May June July August September October November December].freeze
    DAYS = %w[Sunday Monday Tuesday Wednesday Thursday Friday Saturday].freeze

    def utc_offset
      return 0 if utc?
      ::Time.utc(year, month, day, hour, min, sec).to_i - to_i
    end
    alias gmt_offset utc_offset
    alias gmtoff utc_offset

    def strftime(pattern)
      out = ""
      i = 0
      while i < pattern.size
        c = pattern[i]
        if c != "%" || i + 1 >= pattern.size
          out << c
          i += 1
          next
        end
        d = pattern[i + 1]
        out << case d
               when "Y" then year.to_s
               when "C" then (year / 100).to_s
               when "y" then format("%02d", year % 100)
               when "m" then format("%02d", month)
               when "d" then format("%02d", day)
               when "e" then format("%2d", day)
               when "j" then format("%03d", yday)
               when "H" then format("%02d", hour)
               when "I" then format("%02d", (hour % 12).zero? ? 12 : hour % 12)
               when "M" then format("%02d", min)
               when "S" then format("%02d", sec)
               when "L" then format("%03d", usec / 1000)
               when "N" then format("%09d", usec * 1000)
               when "p" then hour < 12 ? "AM" : "PM"
               when "P" then hour < 12 ? "am" : "pm"
               when "B" then MONTHS[month - 1]
               when "b", "h" then MONTHS[month - 1][0, 3]
               when "A" then DAYS[wday]
               when "a" then DAYS[wday][0, 3]
               when "u" then (wday.zero? ? 7 : wday).to_s
               when "w" then wday.to_s
               when "s" then to_i.to_s
               when "z" then Jetsam.utc_offset_text(utc_offset, "")
               when "Z" then utc? ? "UTC" : zone.to_s
               when "F" then strftime("%Y-%m-%d")
               when "T", "X" then strftime("%H:%M:%S")
               when "D", "x" then strftime("%m/%d/%y")
               when "R" then strftime("%H:%M")
               when "c" then strftime("%a %b %e %H:%M:%S %Y")
               when "%" then "%"
               else "%#{d}"
               end
        i += 2
      end
      out
    end

    def iso8601(fraction_digits = 0)
      fraction = fraction_digits > 0 ? "." + format("%06d", usec)[0, fraction_digits].ljust(fraction_digits, "0") : ""
      zone_text = utc? ? "Z" : Jetsam.utc_offset_text(utc_offset, ":")
      strftime("%Y-%m-%dT%H:%M:%S") + fraction + zone_text
    end
    alias xmlschema iso8601
  end

  def self.utc_offset_text(offset, separator)
    sign = offset < 0 ? "-" : "+"
    offset = offset.abs
    format("%s%02d%s%02d", sign, offset / 3600, separator, (offset % 3600) / 60)
  end
end
