# JSON, as Ruby's json gem (2.6, Ruby 3.1's) has it: parsing and writing are native
# (host/eval/json_native.cc, with nlohmann/json). A config's VM and a script's (jetsam run) both
# load this file; a config's loads ActiveSupport's to_json after it (active_support/json.rb).
module Jetsam
  module ::JSON
    class JSONError < StandardError; end
    class ParserError < JSONError; end
    class NestingError < ParserError; end
    class GeneratorError < JSONError; end
    ParseError = ParserError
    MAX_NESTING = 100

    def self.parse(source, opts = nil)
      opts ||= {}
      source = source.to_str if !source.is_a?(String) && source.respond_to?(:to_str)
      raise TypeError, "no implicit conversion of #{source.class} into String" unless source.is_a?(String)
      nesting = opts.key?(:max_nesting) ? (opts[:max_nesting] || 0) : MAX_NESTING
      Host.json_parse(source, !!opts[:symbolize_names], nesting)
    end

    def self.parse!(source, opts = nil)
      parse(source, { max_nesting: false }.merge(opts || {}))
    end

    def self.load(source, _proc = nil, options = nil)
      source = source.read if source.respond_to?(:read)
      return nil if source.nil? || (source.respond_to?(:empty?) && source.empty?)
      parse(source, { max_nesting: false }.merge(options || {}))
    end

    def self.generate(obj, opts = nil)
      Host.json_generate(obj, false, false, Jetsam.json_nesting(opts))
    end
    singleton_class.send(:alias_method, :unparse, :generate)
    singleton_class.send(:alias_method, :fast_generate, :generate)

    def self.pretty_generate(obj, opts = nil)
      Host.json_generate(obj, true, false, Jetsam.json_nesting(opts))
    end
    singleton_class.send(:alias_method, :pretty_unparse, :pretty_generate)

    def self.dump(obj, io = nil, limit = nil)
      text = Host.json_generate(obj, false, false, limit || 0)
      return text unless io
      io.write(text)
      io
    end

    def self.[](object, opts = {})
      object.is_a?(String) ? parse(object, opts) : generate(object, opts)
    end
  end

  def self.json_nesting(opts)
    opts = opts.to_h if opts && !opts.is_a?(Hash) && opts.respond_to?(:to_h)
    return JSON::MAX_NESTING unless opts.is_a?(Hash) && opts.key?(:max_nesting)
    opts[:max_nesting] || 0
  end

  # The json gem's: the text JSON.generate writes.
  class ::Object
    def to_json(opts = nil)
      ::JSON.generate(self, opts)
    end
  end
end
