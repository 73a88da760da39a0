# ENV, read-only: the variables the host passed in. The host makes it, frozen, with a frozen
# copy of the variables.
module Jetsam
  class Env
    def initialize(vars)
      @vars = vars
    end

    def [](name)
      @vars[name.to_s]
    end

    def fetch(name, *default)
      key = name.to_s
      return @vars[key] if @vars.key?(key)
      return yield(key) if block_given?
      return default[0] unless default.empty?
      error = KeyError.new("key not found: #{key.inspect}")
      error.instance_variable_set(:@key, key)  # Ruby's KeyError#key: the host reads which key
      raise error
    end

    def key?(name)
      @vars.key?(name.to_s)
    end
    alias has_key? key?
    alias include? key?
    alias member? key?

    def keys
      @vars.keys
    end

    def values
      @vars.values
    end

    def to_h
      @vars.dup
    end
    alias to_hash to_h

    def each(&block)
      @vars.each(&block)
    end
    alias each_pair each

    def select(&block)
      @vars.select(&block)
    end

    def empty?
      @vars.empty?
    end

    def values_at(*names)
      names.map { |name| self[name] }
    end

    def slice(*names)
      @vars.slice(*names.map(&:to_s))
    end

    def except(*names)
      @vars.except(*names.map(&:to_s))
    end

    def size
      @vars.size
    end
    alias length size

    # What Ruby's ENV answers as an Enumerable of [name, value] pairs, read-only.
    %i[map flat_map collect find detect find_all filter filter_map reject any? all? none? count
       each_with_object each_with_index min_by max_by sort_by group_by partition to_a sum
       each_key each_value key value? has_value? assoc rassoc invert sort].each do |name|
      define_method(name) { |*args, &block| @vars.__send__(name, *args, &block) }
    end

    def []=(name, _value)
      raise ConfigError, "ENV is read-only in jetsam: cannot set ENV[#{name.to_s.inspect}]; " \
        "set the variable in the shell that runs jetsam instead"
    end
    alias store []=

    %i[delete clear update merge! replace].each do |name|
      define_method(name) do |*_args|
        raise ConfigError, "ENV is read-only in jetsam (ENV.#{name})"
      end
    end

    def inspect
      "ENV"
    end
    alias to_s inspect
  end

  class ConfigError < StandardError; end
end
