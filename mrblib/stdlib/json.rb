# JSON (Ruby's json gem) and ActiveSupport's as_json/to_json. Parsing and writing are native
# (host/eval/json_native.cc, with nlohmann/json); what each object turns into is decided here.
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

  # ActiveSupport's JSON: as_json gives plain data, to_json writes it with <, > and & escaped.
  module ::ActiveSupport::JSON
    def self.encode(value, options = nil)
      Host.json_generate(value.as_json(options.dup), false, true, 0)
    end

    def self.decode(json)
      ::JSON.parse(json, quirks_mode: true)
    end
  end

  class ::Object
    def as_json(options = nil)
      if respond_to?(:to_hash)
        to_hash.as_json(options)
      else
        instance_values.as_json(options)
      end
    end

    def to_json(options = nil)
      ::ActiveSupport::JSON.encode(self, options)
    end
  end

  class ::NilClass
    def as_json(_options = nil)
      self
    end
  end

  class ::TrueClass
    def as_json(_options = nil)
      self
    end
  end

  class ::FalseClass
    def as_json(_options = nil)
      self
    end
  end

  class ::String
    def as_json(_options = nil)
      self
    end
  end

  class ::Symbol
    def as_json(_options = nil)
      to_s
    end
  end

  class ::Numeric
    def as_json(_options = nil)
      self
    end
  end

  class ::Integer
    def as_json(_options = nil)
      self
    end
  end

  class ::Float
    def as_json(_options = nil)
      finite? ? self : nil
    end
  end

  class ::Regexp
    def as_json(_options = nil)
      to_s
    end
  end

  class ::Range
    def as_json(_options = nil)
      to_s
    end
  end

  class ::Exception
    def as_json(_options = nil)
      to_s
    end
  end

  class ::Time
    def as_json(_options = nil)
      to_s
    end
  end

  class ::Struct
    def as_json(options = nil)
      h = {}
      members.zip(to_a).each { |k, v| h[k.to_s] = v }
      h.as_json(options)
    end
  end

  module ::Enumerable
    def as_json(options = nil)
      to_a.as_json(options)
    end
  end

  class ::Array
    def as_json(options = nil)
      map { |v| options ? v.as_json(options.dup) : v.as_json }
    end
  end

  class ::Hash
    def as_json(options = nil)
      subset =
        if options && options[:only]
          slice(*Array(options[:only]))
        elsif options && options[:except]
          except(*Array(options[:except]))
        else
          self
        end
      result = {}
      subset.each { |k, v| result[k.to_s] = options ? v.as_json(options.dup) : v.as_json }
      result
    end
  end
end
