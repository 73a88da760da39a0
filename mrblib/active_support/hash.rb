# ActiveSupport's Hash extensions (core_ext/hash/*) and HashWithIndifferentAccess. The deep_*
# methods recurse through the VM, whose call depth is bounded: a Hash that holds itself ends in
# "stack level too deep" at the config's line, not in a hang.
module Jetsam
  class ::Hash
    def stringify_keys
      transform_keys(&:to_s)
    end

    def stringify_keys!
      transform_keys!(&:to_s)
    end

    def symbolize_keys
      transform_keys { |key| key.respond_to?(:to_sym) ? key.to_sym : key }
    end
    alias to_options symbolize_keys

    def symbolize_keys!
      transform_keys! { |key| key.respond_to?(:to_sym) ? key.to_sym : key }
    end
    alias to_options! symbolize_keys!

    def assert_valid_keys(*valid_keys)
      valid_keys.flatten!
      each_key do |k|
        unless valid_keys.include?(k)
          raise ArgumentError, "Unknown key: #{k.inspect}. Valid keys are: #{valid_keys.map(&:inspect).join(', ')}"
        end
      end
    end

    def deep_transform_keys(&block)
      Jetsam.deep_transform_keys(self, &block)
    end

    def deep_transform_keys!(&block)
      Jetsam.deep_transform_keys!(self, &block)
    end

    def deep_stringify_keys
      deep_transform_keys(&:to_s)
    end

    def deep_stringify_keys!
      deep_transform_keys!(&:to_s)
    end

    def deep_symbolize_keys
      deep_transform_keys { |key| key.respond_to?(:to_sym) ? key.to_sym : key }
    end

    def deep_symbolize_keys!
      deep_transform_keys! { |key| key.respond_to?(:to_sym) ? key.to_sym : key }
    end

    def deep_transform_values(&block)
      Jetsam.deep_transform_values(self, &block)
    end

    def deep_transform_values!(&block)
      Jetsam.deep_transform_values!(self, &block)
    end

    def deep_merge(other_hash, &block)
      dup.deep_merge!(other_hash, &block)
    end

    def deep_merge!(other_hash, &block)
      merge!(other_hash) do |key, this_val, other_val|
        if this_val.is_a?(Hash) && other_val.is_a?(Hash)
          this_val.deep_merge(other_val, &block)
        elsif block
          block.call(key, this_val, other_val)
        else
          other_val
        end
      end
    end

    def reverse_merge(other_hash)
      other_hash.merge(self)
    end
    alias with_defaults reverse_merge

    def reverse_merge!(other_hash)
      replace(reverse_merge(other_hash))
    end
    alias reverse_update reverse_merge!
    alias with_defaults! reverse_merge!

    def except!(*keys)
      keys.each { |key| delete(key) }
      self
    end

    def slice!(*keys)
      omit = slice(*self.keys - keys)
      hash = slice(*keys)
      hash.default = default
      replace(hash)
      omit
    end

    def extract!(*keys)
      extracted = {}
      keys.each { |key| extracted[key] = delete(key) if key?(key) }
      extracted
    end

    def extractable_options?
      instance_of?(Hash)
    end

    def with_indifferent_access
      HashWithIndifferentAccess.new(self)
    end
    alias nested_under_indifferent_access with_indifferent_access
  end

  def self.deep_transform_keys(object, &block)
    case object
    when Hash
      result = {}
      object.each { |key, value| result[yield(key)] = deep_transform_keys(value, &block) }
      result
    when Array
      object.map { |e| deep_transform_keys(e, &block) }
    else
      object
    end
  end

  def self.deep_transform_keys!(object, &block)
    case object
    when Hash
      object.keys.each do |key|
        value = object.delete(key)
        object[yield(key)] = deep_transform_keys!(value, &block)
      end
      object
    when Array
      object.map! { |e| deep_transform_keys!(e, &block) }
    else
      object
    end
  end

  def self.deep_transform_values(object, &block)
    case object
    when Hash
      object.transform_values { |value| deep_transform_values(value, &block) }
    when Array
      object.map { |e| deep_transform_values(e, &block) }
    else
      yield(object)
    end
  end

  def self.deep_transform_values!(object, &block)
    case object
    when Hash
      object.transform_values! { |value| deep_transform_values!(value, &block) }
    when Array
      object.map! { |e| deep_transform_values!(e, &block) }
    else
      yield(object)
    end
  end

  # ActiveSupport::HashWithIndifferentAccess: keys are stored as Strings, and read with a String
  # or a Symbol; nested Hashes become indifferent too.
  class ::ActiveSupport::HashWithIndifferentAccess < ::Hash
    def initialize(constructor = nil)
      if constructor.is_a?(Hash) || constructor.respond_to?(:to_hash)
        super()
        update(constructor)
        hash = constructor.is_a?(Hash) ? constructor : constructor.to_hash
        self.default = hash.default if hash.default
        self.default_proc = hash.default_proc if hash.default_proc
      elsif constructor.nil?
        super()
      else
        super(constructor)
      end
    end

    def self.[](*args)
      new.merge!(Hash[*args])
    end

    def extractable_options?
      true
    end

    def with_indifferent_access
      dup
    end

    def nested_under_indifferent_access
      self
    end

    def []=(key, value)
      super(convert_key(key), convert_value(value))
    end
    alias store []=

    def [](key)
      super(convert_key(key))
    end

    def update(*other_hashes, &block)
      other_hashes.each do |other|
        other = other.to_hash unless other.is_a?(Hash)
        other.each_pair do |key, value|
          if block && key?(key)
            value = block.call(convert_key(key), self[key], value)
          end
          self[key] = value
        end
      end
      self
    end
    alias merge! update

    def key?(key)
      super(convert_key(key))
    end
    alias include? key?
    alias has_key? key?
    alias member? key?

    def assoc(key)
      super(convert_key(key))
    end

    def fetch(key, *extras, &block)
      super(convert_key(key), *extras, &block)
    end

    def dig(*args)
      args[0] = convert_key(args[0]) if args.size > 0
      super(*args)
    end

    # This mruby reads h[key] of any Hash without calling its [] (the VM's own fast path), and
    # asks `default` only when the key is missing: a Symbol is answered here by its String.
    def default(*args)
      if args.size == 1 && args[0].is_a?(Symbol) && key?(args[0])
        return fetch(args[0])
      end
      args.empty? ? super() : super(convert_key(args[0]))
    end

    def values_at(*keys)
      keys.map { |key| self[key] }
    end

    def fetch_values(*indices, &block)
      indices.map { |key| fetch(key, &block) }
    end

    def dup
      self.class.new(self).tap do |copy|
        copy.default = default
        copy.default_proc = default_proc if default_proc
      end
    end

    def merge(*hashes, &block)
      dup.update(*hashes, &block)
    end

    def reverse_merge(other_hash)
      self.class.new(other_hash).update(self)
    end
    alias with_defaults reverse_merge

    def reverse_merge!(other_hash)
      replace(reverse_merge(other_hash))
    end
    alias with_defaults! reverse_merge!

    def replace(other_hash)
      clear
      update(other_hash)
    end

    def delete(key)
      super(convert_key(key))
    end

    def except(*keys)
      dup.except!(*keys)
    end
    alias without except

    def slice(*keys)
      result = self.class.new
      keys.each { |key| result[key] = self[key] if key?(key) }
      result
    end

    def slice!(*keys)
      omit = slice(*(self.keys - keys.map { |key| convert_key(key) }))
      kept = slice(*keys)
      replace(kept)
      omit
    end

    def stringify_keys!
      self
    end

    def deep_stringify_keys!
      self
    end

    def stringify_keys
      dup
    end

    def deep_stringify_keys
      dup
    end

    def symbolize_keys
      to_hash.symbolize_keys!
    end
    alias to_options symbolize_keys

    def deep_symbolize_keys
      to_hash.deep_symbolize_keys!
    end

    def to_options!
      self
    end

    def select(*args, &block)
      return to_enum(:select) unless block
      result = self.class.new
      each { |key, value| result[key] = value if block.call(key, value) }
      result
    end
    alias filter select

    def reject(*args, &block)
      return to_enum(:reject) unless block
      result = self.class.new
      each { |key, value| result[key] = value unless block.call(key, value) }
      result
    end

    def transform_values(&block)
      return to_enum(:transform_values) unless block
      result = self.class.new
      each { |key, value| result[key] = block.call(value) }
      result
    end

    def transform_keys(&block)
      return to_enum(:transform_keys) unless block
      result = self.class.new
      each { |key, value| result[block.call(key)] = value }
      result
    end

    def transform_keys!(&block)
      return to_enum(:transform_keys!) unless block
      replace(transform_keys(&block))
    end

    def compact
      reject { |_key, value| value.nil? }
    end

    def to_hash
      hash = {}
      each { |key, value| hash[key] = Jetsam.indifferent_to_plain(value) }
      hash.default = default
      hash
    end

    def to_h(&block)
      block ? to_hash.to_h(&block) : to_hash
    end

    private

    def convert_key(key)
      key.is_a?(Symbol) ? key.to_s : key
    end

    def convert_value(value)
      if value.is_a?(Hash)
        value.is_a?(HashWithIndifferentAccess) ? value : HashWithIndifferentAccess.new(value)
      elsif value.is_a?(Array)
        value.map { |e| convert_value(e) }
      else
        value
      end
    end
  end

  HashWithIndifferentAccess = ::ActiveSupport::HashWithIndifferentAccess
  Object.const_set(:HashWithIndifferentAccess, HashWithIndifferentAccess)

  def self.indifferent_to_plain(value)
    if value.is_a?(HashWithIndifferentAccess)
      value.to_hash
    elsif value.is_a?(Array)
      value.map { |e| indifferent_to_plain(e) }
    else
      value
    end
  end
end
