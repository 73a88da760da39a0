# ActiveSupport's JSON: as_json gives plain data, to_json writes it with <, > and & escaped.
# Loaded after stdlib/json.rb, whose Object#to_json (the json gem's) this one replaces.
module Jetsam
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
