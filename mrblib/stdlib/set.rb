# Ruby's Set (require "set"), which this mruby lacks: a Hash's keys.
module Jetsam
  class ::Set
    include ::Enumerable

    def self.[](*items)
      new(items)
    end

    def initialize(enum = nil, &block)
      @hash = {}
      return if enum.nil?
      if block
        enum.each { |o| add(block.call(o)) }
      else
        enum.each { |o| add(o) }
      end
    end

    def initialize_copy(other)
      super
      @hash = other.instance_variable_get(:@hash).dup
    end

    def add(o)
      @hash[o] = true
      self
    end
    alias << add

    def add?(o)
      include?(o) ? nil : add(o)
    end

    def delete(o)
      @hash.delete(o)
      self
    end

    def delete?(o)
      include?(o) ? delete(o) : nil
    end

    def include?(o)
      @hash.key?(o)
    end
    alias member? include?
    alias === include?

    def size
      @hash.size
    end
    alias length size

    def empty?
      @hash.empty?
    end

    def clear
      @hash.clear
      self
    end

    def each(&block)
      return to_enum(:each) unless block
      @hash.keys.each(&block)
      self
    end

    def to_a
      @hash.keys
    end

    def to_set
      self
    end

    def merge(*enums)
      enums.each { |enum| enum.each { |o| add(o) } }
      self
    end

    def subtract(enum)
      enum.each { |o| delete(o) }
      self
    end

    def |(enum)
      dup.merge(enum)
    end
    alias union |
    alias + |

    def -(enum)
      dup.subtract(enum)
    end
    alias difference -

    def &(enum)
      result = self.class.new
      enum.each { |o| result.add(o) if include?(o) }
      result
    end
    alias intersection &

    def ^(enum)
      other = self.class.new(enum)
      (self | other) - (self & other)
    end

    def subset?(set)
      size <= set.size && all? { |o| set.include?(o) }
    end
    alias <= subset?

    def proper_subset?(set)
      size < set.size && all? { |o| set.include?(o) }
    end
    alias < proper_subset?

    def superset?(set)
      set.subset?(self)
    end
    alias >= superset?

    def proper_superset?(set)
      set.proper_subset?(self)
    end
    alias > proper_superset?

    def intersect?(set)
      set.any? { |o| include?(o) }
    end

    def disjoint?(set)
      !intersect?(set)
    end

    def delete_if
      to_a.each { |o| delete(o) if yield(o) }
      self
    end

    def keep_if
      to_a.each { |o| delete(o) unless yield(o) }
      self
    end

    def select!(&block)
      before = size
      keep_if(&block)
      size == before ? nil : self
    end
    alias filter! select!

    def reject!(&block)
      before = size
      delete_if(&block)
      size == before ? nil : self
    end

    def map!
      replaced = to_a.map { |o| yield(o) }
      clear
      merge(replaced)
    end
    alias collect! map!

    def classify
      result = {}
      each { |o| (result[yield(o)] ||= self.class.new).add(o) }
      result
    end

    def ==(other)
      other.is_a?(::Set) && size == other.size && other.all? { |o| include?(o) }
    end

    def eql?(other)
      other.is_a?(::Set) && to_a.sort_by(&:hash) == other.to_a.sort_by(&:hash)
    end

    def hash
      to_a.map(&:hash).sort.hash
    end

    def freeze
      @hash.freeze
      super
    end

    def inspect
      "#<Set: {#{to_a.map(&:inspect).join(', ')}}>"
    end
    alias to_s inspect

    def as_json(options = nil)
      to_a.as_json(options)
    end
  end

  module ::Enumerable
    def to_set(klass = ::Set, &block)
      klass.new(self, &block)
    end
  end

  class ::Array
    def to_set(klass = ::Set, &block)
      klass.new(self, &block)
    end
  end
end
