# ActiveSupport's Module, Class, Kernel, Range and Regexp extensions, and ActiveSupport::Concern:
# what a config that defines a helper class or module of its own may use.
module Jetsam
  SUBCLASSES = {}  # a class => the classes made from it (mruby has no ObjectSpace to ask)

  class ::Module
    def mattr_reader(*syms, instance_reader: true, instance_accessor: true, default: nil, &block)
      syms.each do |sym|
        name = sym.to_s
        raise NameError, "invalid attribute name: #{sym}" if name.empty? || Chars.digit?(name[0])
        var = :"@@#{name}"
        class_variable_set(var, block ? block.call : default) unless class_variable_defined?(var)
        owner = self
        define_singleton_method(sym) { owner.class_variable_get(var) }
        if instance_reader && instance_accessor
          define_method(sym) { owner.class_variable_get(var) }
        end
      end
    end
    alias cattr_reader mattr_reader

    def mattr_writer(*syms, instance_writer: true, instance_accessor: true, default: nil, &block)
      syms.each do |sym|
        var = :"@@#{sym}"
        class_variable_set(var, block ? block.call : default) unless class_variable_defined?(var)
        owner = self
        define_singleton_method(:"#{sym}=") { |value| owner.class_variable_set(var, value) }
        if instance_writer && instance_accessor
          define_method(:"#{sym}=") { |value| owner.class_variable_set(var, value) }
        end
      end
    end
    alias cattr_writer mattr_writer

    def mattr_accessor(*syms, instance_reader: true, instance_writer: true, instance_accessor: true, default: nil, &blk)
      mattr_reader(*syms, instance_reader: instance_reader, instance_accessor: instance_accessor, default: default, &blk)
      mattr_writer(*syms, instance_writer: instance_writer, instance_accessor: instance_accessor, default: default)
    end
    alias cattr_accessor mattr_accessor

    # One thread here: per-thread attributes are plain ones.
    alias thread_mattr_reader mattr_reader
    alias thread_mattr_writer mattr_writer
    alias thread_mattr_accessor mattr_accessor
    alias thread_cattr_reader mattr_reader
    alias thread_cattr_writer mattr_writer
    alias thread_cattr_accessor mattr_accessor

    def delegate(*methods, to: nil, prefix: nil, allow_nil: nil, private: nil)
      unless to
        raise ArgumentError, "Delegation needs a target. Supply a keyword argument 'to' (e.g. delegate :hello, to: :greeter)."
      end
      if prefix == true && to.to_s.start_with?("@")
        raise ArgumentError, "Can only automatically set the delegation prefix when delegating to a method."
      end
      method_prefix = prefix ? "#{prefix == true ? to : prefix}_" : ""
      target_name = to.to_s
      methods.map do |method|
        name = :"#{method_prefix}#{method}"
        define_method(name) do |*args, &block|
          target =
            if target_name.start_with?("@@") then self.class.class_variable_get(target_name)
            elsif target_name.start_with?("@") then instance_variable_get(target_name)
            else __send__(target_name)
            end
          if target.nil? && !nil.respond_to?(method)
            return nil if allow_nil
            raise ::Module::DelegationError, "#{name} delegated to #{target_name}.#{method}, but #{target_name} is nil: #{inspect}"
          end
          target.__send__(method, *args, &block)
        end
        private name if private
        name
      end
    end

    def delegate_missing_to(target, allow_nil: nil)
      target_name = target.to_s
      define_method(:respond_to_missing?) do |name, include_private = false|
        receiver = target_name.start_with?("@") ? instance_variable_get(target_name) : __send__(target_name)
        receiver.respond_to?(name, include_private)
      end
      define_method(:method_missing) do |method, *args, &block|
        receiver = target_name.start_with?("@") ? instance_variable_get(target_name) : __send__(target_name)
        if receiver.respond_to?(method)
          receiver.public_send(method, *args, &block)
        elsif receiver.nil? && !allow_nil
          raise ::Module::DelegationError, "#{method} delegated to #{target_name}, but #{target_name} is nil"
        elsif receiver.nil?
          nil
        else
          super(method, *args, &block)
        end
      end
    end

    def alias_attribute(new_name, old_name)
      define_method(new_name) { __send__(old_name) }
      define_method(:"#{new_name}?") { __send__(:"#{old_name}?") } if method_defined?(:"#{old_name}?")
      define_method(:"#{new_name}=") { |value| __send__(:"#{old_name}=", value) }
    end

    def attr_internal_reader(*attrs)
      attrs.each { |attr| ivar = :"@_#{attr}"; define_method(attr) { instance_variable_get(ivar) } }
    end

    def attr_internal_writer(*attrs)
      attrs.each { |attr| ivar = :"@_#{attr}"; define_method(:"#{attr}=") { |v| instance_variable_set(ivar, v) } }
    end

    def attr_internal_accessor(*attrs)
      attr_internal_reader(*attrs)
      attr_internal_writer(*attrs)
    end
    alias attr_internal attr_internal_accessor

    def anonymous?
      name.nil?
    end

    def module_parent_name
      n = name
      n && n.include?("::") ? n[0, n.rindex("::")] : (n ? "Object" : nil)
    end

    def module_parent
      parent_name = module_parent_name
      parent_name ? Inflector.constantize(parent_name) : Object
    end

    def module_parents
      parents = []
      if (n = name)
        parts = n.split("::")
        parts.pop
        until parts.empty?
          parents << Inflector.constantize(parts.join("::"))
          parts.pop
        end
      end
      parents << Object unless parents.include?(Object)
      parents
    end

    def remove_possible_method(method)
      undef_method(method) if method_defined?(method)
    end

    def remove_possible_singleton_method(method)
      singleton_class.remove_possible_method(method)
    end

    def silence_redefinition_of_method(method)
      nil
    end

    def redefine_method(method, &block)
      define_method(method, &block)
    end

    def redefine_singleton_method(method, &block)
      singleton_class.redefine_method(method, &block)
    end

    # Deprecation warnings go nowhere: a config's output is its own.
    def deprecate(*_method_names)
      nil
    end

    def concerning(topic, prepend: false, &block)
      mod = concern(topic, &block)
      prepend ? prepend(mod) : include(mod)
    end

    def concern(topic, &module_definition)
      mod = const_set(topic, Module.new)
      mod.extend(::ActiveSupport::Concern)
      mod.module_eval(&module_definition)
      mod
    end
  end

  class ::Module::DelegationError < ::NoMethodError; end

  module ::ActiveSupport::Concern
    def self.extended(base)
      base.instance_variable_set(:@_dependencies, [])
    end

    def append_features(base)
      if base.instance_variable_defined?(:@_dependencies)
        base.instance_variable_get(:@_dependencies) << self
        false
      else
        return false if base < self
        @_dependencies.each { |dep| base.include(dep) }
        super
        base.extend const_get(:ClassMethods) if const_defined?(:ClassMethods)
        base.class_eval(&@_included_block) if instance_variable_defined?(:@_included_block)
        true
      end
    end

    def included(base = nil, &block)
      if base.nil?
        raise ::ActiveSupport::Concern::MultipleIncludedBlocks if instance_variable_defined?(:@_included_block)
        @_included_block = block
      else
        super
      end
    end

    def class_methods(&class_methods_module_definition)
      mod = const_defined?(:ClassMethods, false) ? const_get(:ClassMethods) : const_set(:ClassMethods, Module.new)
      mod.module_eval(&class_methods_module_definition)
    end
  end

  class ::ActiveSupport::Concern::MultipleIncludedBlocks < ::StandardError
    def initialize
      super "Cannot define multiple 'included' blocks for a Concern"
    end
  end

  class ::Class
    def class_attribute(*attrs, instance_accessor: true, instance_reader: nil, instance_writer: nil,
                        instance_predicate: true, default: nil)
      instance_reader = instance_accessor if instance_reader.nil?
      instance_writer = instance_accessor if instance_writer.nil?
      attrs.each do |name|
        ivar = :"@__class_attribute_#{name}"
        instance_variable_set(ivar, default)
        define_singleton_method(name) do
          klass = self
          klass = klass.superclass while klass && !klass.instance_variable_defined?(ivar)
          klass ? klass.instance_variable_get(ivar) : nil
        end
        define_singleton_method(:"#{name}=") { |value| instance_variable_set(ivar, value) }
        define_singleton_method(:"#{name}?") { !!public_send(name) } if instance_predicate
        if instance_reader
          define_method(name) do
            ivar_own = :"@#{name}"
            instance_variable_defined?(ivar_own) ? instance_variable_get(ivar_own) : self.class.public_send(name)
          end
          define_method(:"#{name}?") { !!public_send(name) } if instance_predicate
        end
        define_method(:"#{name}=") { |value| instance_variable_set(:"@#{name}", value) } if instance_writer
      end
    end

    def subclasses
      (SUBCLASSES[self] || []).dup
    end

    def descendants
      subclasses.flat_map { |k| [k] + k.descendants }
    end

    private

    def inherited(subclass)
      (SUBCLASSES[self] ||= []) << subclass
    end
  end

  module ::Kernel
    def silence_warnings
      yield
    end

    def enable_warnings
      yield
    end

    def with_warnings(_flag)
      yield
    end

    def suppress(*exception_classes)
      yield
    rescue StandardError => e
      raise e unless exception_classes.any? { |cls| cls === e }
    end

    def class_eval(*args, &block)
      singleton_class.class_eval(*args, &block)
    end

    def concern(topic, &module_definition)
      Object.concern(topic, &module_definition)
    end
  end

  class ::Range
    def overlaps?(other)
      raise TypeError, "can't convert #{other.class} into Range" unless other.is_a?(Range)
      other.begin == self.begin || cover?(other.begin) || other.cover?(self.begin)
    end
    alias overlap? overlaps?

    def to_fs(format = :default)
      if format == :db
        "BETWEEN '#{self.begin}' AND '#{self.end}'"
      else
        to_s
      end
    end
    alias to_formatted_s to_fs

    def to_default_s
      to_s
    end

    # ActiveSupport's CompareWithRange: a Range covers another Range it contains.
    alias __jetsam_include? include?
    alias __jetsam_cover? cover?
    alias __jetsam_eqq ===

    def include?(value)
      value.is_a?(Range) ? Jetsam.range_within?(self, value) : __jetsam_include?(value)
    end
    alias member? include?

    def cover?(value)
      value.is_a?(Range) ? Jetsam.range_within?(self, value) : __jetsam_cover?(value)
    end

    def ===(value)
      value.is_a?(Range) ? Jetsam.range_within?(self, value) : __jetsam_eqq(value)
    end
  end

  def self.range_within?(outer, inner)
    is_backwards_op = inner.exclude_end? ? :>= : :>
    return false if inner.begin && inner.end && inner.begin.public_send(is_backwards_op, inner.end)
    operator = outer.exclude_end? && !inner.exclude_end? ? :< : :<=
    value_max = !outer.exclude_end? && inner.exclude_end? ? inner.max : inner.last
    outer.__jetsam_cover?(inner.first) && (outer.end.nil? || value_max.public_send(operator, outer.end))
  end

  class ::Regexp
    def multiline?
      options & MULTILINE == MULTILINE
    end
  end
end
