# ActiveSupport::OrderedOptions as Jets uses it: `config.a.b = 1` sets a leaf, reading a leaf that
# was never set gives nil. Every change records the config file:line that made it
# (Jetsam.__loc is nil while Jets' defaults are being built: those are the defaults).
module Jetsam
  class Options < BasicObject
    def initialize(path = nil)
      @__path = path
      @__values = {}
      @__where = {}
      @__history = {}
      @__known = {}
      @__open = false
      @__vivify = nil
    end

    # Keys of an open node are a name space of the user's own (job.queues.NAME): not misspellings.
    def __open!
      @__open = true
      self
    end

    # Reading a key this node lacks makes it from `factory.call(key)`, as a Jets default: a name
    # space of the user's own whose entries are settings trees (`config.job.queues.urgent.lambda.
    # timeout = 60` needs `urgent` to exist before anything is assigned to it).
    def __vivify!(&factory)
      @__open = true
      @__vivify = factory
      self
    end

    def __path
      @__path
    end

    # A tree built apart (Options.new, filled, then assigned) learns its place when assigned:
    # its nodes take their paths then, all the way down.
    def __adopt_path(path)
      return self unless @__path.nil?
      @__path = path
      @__values.each { |key, value| value.__adopt_path(__child_path(key)) if value.is_a?(::Jetsam::Options) }
      self
    end

    def method_missing(name, *args, &block)
      key = name.to_s
      last = key[-1]
      if last == "=" && args.size == 1
        __set(key[0, key.size - 1], args[0], "set")
      elsif last == "?" && args.empty?
        !!@__values[key[0, key.size - 1]]
      elsif args.empty? && block.nil?
        __get(key)
      else
        ::Kernel.raise ::NoMethodError, "undefined method '#{key}' for settings #{__name}"
      end
    end
    # The host replaces method_missing with a native one (host/eval/options_native.cc) that does
    # the common reads and Jets' default assignments itself and calls this for the rest.
    alias __method_missing_ruby method_missing

    def respond_to_missing?(_name, _include_private = false)
      true
    end

    def respond_to?(name, _include_private = false)
      true
    end

    def __get(key)
      if @__values.key?(key)
        @__values[key]
      elsif @__vivify
        ::Jetsam.__defining(1)
        begin
          __set(key, @__vivify.call(key), "set")
        ensure
          ::Jetsam.__defining(-1)
        end
      else
        ::Jetsam.__unknown_read(__child_path(key), @__open)
        nil
      end
    end

    def __set(key, value, op)
      loc = ::Jetsam.__loc
      if value.is_a?(::Array)
        ::Jetsam::List.adopt(value, self, key, loc, @__values[key])
      elsif value.is_a?(::Jetsam::Options)
        value.__adopt_path(__child_path(key)) unless @__path.nil?
      end
      @__values[key] = value
      # Jets' defaults (no config line) run hundreds of times per evaluation: keep them cheap.
      if loc.nil?
        @__known[key] = true
      else
        __touch(key, loc, op)
      end
      value
    end

    # Records a change of `key` (assignment, or a mutation of its list) made at `loc`.
    def __touch(key, loc, op)
      return if loc.nil?
      @__where[key] = loc
      (@__history[key] ||= []) << [loc, op]
    end

    def __child_path(key)
      @__path.nil? || @__path.empty? ? key : "#{@__path}.#{key}"
    end

    def __name
      @__path.nil? || @__path.empty? ? "(root)" : @__path
    end

    # Hash-like access, as OrderedOptions (a Hash) allows.
    def [](key)
      __get(key.to_s)
    end

    def []=(key, value)
      __set(key.to_s, value, "set")
    end

    def key?(key)
      @__values.key?(key.to_s)
    end
    alias has_key? key?
    alias include? key?

    def keys
      @__values.keys.map(&:to_sym)
    end

    def each(&block)
      to_h.each(&block)
    end

    def fetch(key, *default)
      k = key.to_s
      return @__values[k] if @__values.key?(k)
      return yield(key) if ::Kernel.block_given?
      return default[0] unless default.empty?
      ::Kernel.raise ::KeyError, "key not found: #{key.inspect} in settings #{__name}"
    end

    def dig(key, *rest)
      value = self[key]
      rest.empty? || value.nil? ? value : value.dig(*rest)
    end

    def to_h
      h = {}
      @__values.each { |k, v| h[k.to_sym] = v.is_a?(::Jetsam::Options) ? v.to_h : v }
      h
    end
    alias to_hash to_h

    def empty?
      @__values.empty?
    end

    def nil?
      false
    end

    def is_a?(klass)
      klass == ::Jetsam::Options || klass == ::BasicObject
    end
    alias kind_of? is_a?

    def class
      ::Jetsam::Options
    end

    def inspect
      "#<OrderedOptions #{to_h.inspect}>"
    end
    alias to_s inspect

    def tap
      yield self
      self
    end

    # `config.job.queues.send(name)`: OrderedOptions is an Object, so send reaches its keys.
    # mruby 3.1's __send__ hands method_missing the wrong arguments (`send(:timeout=, 6)` stored
    # garbage), so a key goes to method_missing directly.
    def send(name, *args, &block)
      name = name.to_sym
      if ::Jetsam::Options.method_defined?(name)
        __send__(name, *args, &block)
      else
        method_missing(name, *args, &block)
      end
    end
    alias public_send send
  end
end

module ActiveSupport
  OrderedOptions = Jetsam::Options
end
