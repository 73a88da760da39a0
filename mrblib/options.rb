# ActiveSupport::OrderedOptions as Jets uses it: `config.a.b = 1` sets a leaf, reading a leaf that
# was never set gives nil. The host defines the rest of the class (host/eval/options_native.cc):
# a node's values, and where each change came from, live where Ruby code cannot reach them, and
# every change is attributed by the host to the config line that made it, or to Jets' defaults.
module ActiveSupport
end

module Jetsam
  class ::ActiveSupport::OrderedOptions < ::BasicObject
    def each(&block)
      to_h.each(&block)
    end

    def fetch(key, *default)
      return self[key] if key?(key)
      return yield(key) if Kernel.block_given?
      return default[0] unless default.empty?
      error = KeyError.new("key not found: #{key.inspect} in settings #{inspect}")
      error.instance_variable_set(:@key, key)  # Ruby's KeyError#key: the host reads which key
      Kernel.raise error
    end

    def dig(key, *rest)
      value = self[key]
      rest.empty? || value.nil? ? value : value.dig(*rest)
    end

    def tap
      yield self
      self
    end

    # `config.job.queues.send(name)`: OrderedOptions is an Object, so send reaches its keys.
    # mruby 3.1's __send__ hands method_missing the wrong arguments (`send(:timeout=, 6)` stored
    # garbage), so a key goes to method_missing directly.
    def send(name, *args, &block)
      name = name.to_sym
      if Options.method_defined?(name)
        __send__(name, *args, &block)
      else
        method_missing(name, *args, &block)
      end
    end
    alias public_send send
  end

  Options = ::ActiveSupport::OrderedOptions
end

module Jetsam
  # ActiveSupport::OrderedOptions is a Hash in ActiveSupport: what Object and Hash give it there,
  # a settings node answers too (as methods, so that these names never read as settings).
  class ::ActiveSupport::OrderedOptions
    def blank?
      empty?
    end

    def present?
      !empty?
    end

    def presence
      empty? ? nil : self
    end

    def as_json(options = nil)
      to_h.as_json(options)
    end

    def to_json(options = nil)
      to_h.to_json(options)
    end

    def deep_dup
      to_h.deep_dup
    end

    def with_indifferent_access
      to_h.with_indifferent_access
    end

    def symbolize_keys
      to_h.symbolize_keys
    end

    def stringify_keys
      to_h.stringify_keys
    end
  end
end
