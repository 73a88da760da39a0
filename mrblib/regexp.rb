# Regexp literals in config files: the docs allow them where Jets matches names
# (`config.codebuild.project.env.pass = [/\AFEATURE_/]`). This mruby has no regular expression
# engine, so a Regexp here keeps its source and options (what the settings show) and matching
# raises a clear error instead of a NameError on the constant.
class Regexp
  IGNORECASE = 1
  EXTENDED = 2
  MULTILINE = 4

  # mruby compiles /src/flags to Regexp.compile("src", "flags").
  def self.compile(*args)
    new(*args)
  end

  def self.escape(text)
    text.to_s
  end

  attr_reader :source, :options

  def initialize(source, options = nil, _encoding = nil)
    @source = source.is_a?(Regexp) ? source.source : source.to_s
    @options =
      case options
      when Integer then options
      when String
        (options.include?("i") ? IGNORECASE : 0) | (options.include?("x") ? EXTENDED : 0) |
          (options.include?("m") ? MULTILINE : 0)
      when nil, false then 0
      else IGNORECASE
      end
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

  def inspect
    "/#{source}/#{__flags}"
  end

  # As Ruby: /\AFEATURE_/.to_s is "(?-mix:\AFEATURE_)".
  def to_s
    on = __flags
    off = "mix".delete(on)
    "(?#{on}#{off.empty? ? '' : "-#{off}"}:#{source})"
  end

  %i[=~ match match? === ~].each do |name|
    define_method(name) do |*_args|
      __unmatchable(name)
    end
  end

  # mruby's String#[] and #slice convert a pattern with to_int, its gsub and sub ask its length:
  # a Regexp given to them says it cannot be matched, not that it is no Integer.
  %i[to_int length].each do |name|
    define_method(name) do
      __unmatchable(name)
    end
  end

  def __unmatchable(name)
    raise NotImplementedError, "#{inspect}.#{name}: jetsam evaluates configs without a regular expression " \
      "engine; a Regexp can be stored in a setting but not matched here"
  end

  private

  def __flags
    flags = ""
    flags << "m" if options & MULTILINE != 0
    flags << "i" if options & IGNORECASE != 0
    flags << "x" if options & EXTENDED != 0
    flags
  end
end
