# ActiveSupport's Object extensions (core_ext/object/*): blank?/present?/presence, try, in?,
# deep_dup, instance_values, to_param/to_query, with_options, with. Jets loads
# active_support/core_ext before a config runs, so configs call these freely.
module Jetsam
  # The prelude's own helpers are called as Jetsam.name: pinned here, as kernel.rb pins Ruby's
  # classes, so that the code still finds them once the host has taken the constant ::Jetsam away.
  Jetsam = self

  # The ActiveSupport whose core extensions these are (6.1's, and what 7.0 to 7.2 added).
  module ::ActiveSupport::VERSION
    MAJOR = 7
    MINOR = 1
    TINY = 3
    PRE = nil
    STRING = "7.1.3"
  end

  module ::Kernel
    # Ruby's, which this mruby lacks: send, to public methods only.
    def public_send(name, *args, &block)
      unless respond_to?(name)
        raise NoMethodError, "undefined method '#{name}' for #{inspect[0, 60]}"
      end
      __send__(name, *args, &block)
    end
  end

  module Blank
    # What String#blank? counts as space (AS: /\A[[:space:]]*\z/): ASCII white space and the
    # Unicode space separators, as UTF-8 bytes.
    SPACES = [" ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002",
              "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u2028",
              "\u2029", "\u202f", "\u205f", "\u3000"].freeze

    def self.string?(s)
      i = 0
      n = s.bytesize
      while i < n
        byte = s.getbyte(i)
        if byte < 0x80
          return false unless byte == 32 || (byte >= 9 && byte <= 13)
          i += 1
        else
          width = byte >= 0xe0 ? 3 : 2
          return false unless SPACES.include?(s.byteslice(i, width))
          i += width
        end
      end
      true
    end
  end

  class ::Object
    def blank?
      respond_to?(:empty?) ? !!empty? : !self
    end

    def present?
      !blank?
    end

    def presence
      self if present?
    end

    def in?(another_object)
      unless another_object.respond_to?(:include?)
        raise ArgumentError, "The parameter passed to #in? must respond to #include?"
      end
      another_object.include?(self)
    end

    def presence_in(another_object)
      in?(another_object) ? self : nil
    end

    def try(*args, &block)
      if args.empty? && block
        block.arity == 0 ? instance_eval(&block) : yield(self)
      elsif !args.empty? && respond_to?(args[0])
        public_send(*args, &block)
      end
    end

    def try!(*args, &block)
      if args.empty? && block
        block.arity == 0 ? instance_eval(&block) : yield(self)
      else
        public_send(*args, &block)
      end
    end

    def duplicable?
      true
    end

    def deep_dup
      duplicable? ? dup : self
    end

    def acts_like?(duck)
      case duck
      when :time then respond_to?(:acts_like_time?)
      when :date then respond_to?(:acts_like_date?)
      when :string then respond_to?(:acts_like_string?)
      else respond_to?(:"acts_like_#{duck}?")
      end
    end

    def instance_values
      values = {}
      instance_variables.each { |name| values[name.to_s[1..-1]] = instance_variable_get(name) }
      values
    end

    def instance_variable_names
      instance_variables.map(&:to_s)
    end

    def to_param
      to_s
    end

    def to_query(key)
      "#{Cgi.escape(key.to_param)}=#{Cgi.escape(to_param.to_s)}"
    end

    def html_safe?
      false
    end

    # Calls each method of `options` with its last argument Hash merged with `options`.
    def with_options(options, &block)
      merger = OptionMerger.new(self, options)
      if block
        block.arity == 0 ? merger.instance_eval(&block) : block.call(merger)
      else
        merger
      end
    end

    # ActiveSupport 7.1: sets attributes for the block's duration, then puts them back.
    def with(**attributes)
      old_values = {}
      begin
        attributes.each do |key, value|
          old_values[key] = public_send(key)
          public_send("#{key}=", value)
        end
        yield self
      ensure
        old_values.each { |key, old_value| public_send("#{key}=", old_value) }
      end
    end
  end

  class OptionMerger < ::BasicObject
    def initialize(context, options)
      @context = context
      @options = options
    end

    def method_missing(method, *arguments, &block)
      options = @options
      if arguments.last.is_a?(Hash) && !arguments.last.empty?
        options = options.deep_merge(arguments.pop)
      end
      @context.__send__(method, *arguments, options, &block)
    end

    def respond_to_missing?(*arguments)
      @context.respond_to?(*arguments)
    end
  end

  class ::NilClass
    def blank?
      true
    end

    def try(*_args)
      nil
    end

    def try!(*_args)
      nil
    end

    def to_param
      self
    end
  end

  class ::FalseClass
    def blank?
      true
    end

    def to_param
      self
    end
  end

  class ::TrueClass
    def blank?
      false
    end

    def to_param
      self
    end
  end

  class ::String
    def blank?
      empty? || Blank.string?(self)
    end
  end

  class ::Symbol
    def blank?
      empty?
    end
  end

  class ::Numeric
    def blank?
      false
    end
  end

  class ::Integer
    def blank?
      false
    end
  end

  class ::Float
    def blank?
      false
    end
  end

  class ::Time
    def blank?
      false
    end
  end

  class ::Method
    def duplicable?
      false
    end
  end

  class ::UnboundMethod
    def duplicable?
      false
    end
  end

  class ::Array
    def deep_dup
      map(&:deep_dup)
    end

    def to_param
      collect(&:to_param).join "/"
    end

    def to_query(key)
      prefix = "#{key}[]"
      if empty?
        nil.to_query(prefix)
      else
        collect { |value| value.to_query(prefix) }.join "&"
      end
    end
  end

  class ::Hash
    def deep_dup
      hash = dup
      each_pair do |key, value|
        if ::String === key || ::Symbol === key
          hash[key] = value.deep_dup
        else
          hash.delete(key)
          hash[key.deep_dup] = value.deep_dup
        end
      end
      hash
    end

    def to_query(namespace = nil)
      query = []
      each do |key, value|
        unless (value.is_a?(Hash) || value.is_a?(Array)) && value.empty?
          query << value.to_query(namespace ? "#{namespace}[#{key}]" : key)
        end
      end
      query.sort! unless namespace.to_s.include?("[]")
      query.join("&")
    end
    alias to_param to_query
  end
end
