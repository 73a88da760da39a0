# ActiveSupport's Array and Enumerable extensions (core_ext/array/*, core_ext/enumerable.rb).
module Jetsam
  class ::Array
    def self.wrap(object)
      if object.nil?
        []
      elsif object.is_a?(Array)
        object
      elsif object.respond_to?(:to_ary)
        object.to_ary || [object]
      else
        [object]
      end
    end

    def from(position)
      self[position, size] || []
    end

    def to(position)
      if position >= 0
        take(position + 1)
      else
        self[0..position]
      end
    end

    def second
      self[1]
    end

    def third
      self[2]
    end

    def fourth
      self[3]
    end

    def fifth
      self[4]
    end

    def forty_two
      self[41]
    end

    def third_to_last
      self[-3]
    end

    def second_to_last
      self[-2]
    end

    def including(*elements)
      self + elements.flatten(1)
    end

    def excluding(*elements)
      self - elements.flatten(1)
    end
    alias without excluding

    def extract!
      return to_enum(:extract!) { size } unless block_given?
      extracted = []
      kept = []
      each { |element| (yield(element) ? extracted : kept) << element }
      replace(kept)
      extracted
    end

    def extract_options!
      if last.is_a?(Hash) && last.extractable_options?
        pop
      else
        {}
      end
    end

    def in_groups_of(number, fill_with = nil, &block)
      if number.to_i <= 0
        raise ArgumentError, "Group size must be a positive integer, was #{number.inspect}"
      end
      if fill_with == false
        collection = self
      else
        padding = (number - size % number) % number
        collection = dup.concat(Array.new(padding, fill_with))
      end
      groups = collection.each_slice(number).to_a
      return groups unless block
      groups.each(&block)
    end

    def in_groups(number, fill_with = nil, &block)
      division = size.div number
      modulo = size % number
      groups = []
      start = 0
      number.times do |index|
        length = division + (modulo > 0 && modulo > index ? 1 : 0)
        groups << last_group = slice(start, length)
        last_group << fill_with if fill_with != false && modulo > 0 && length == division
        start += length
      end
      return groups unless block
      groups.each(&block)
    end

    def split(value = nil, &block)
      arr = dup
      result = []
      if block
        while (idx = arr.index(&block))
          result << arr.shift(idx)
          arr.shift
        end
      else
        while (idx = arr.index(value))
          result << arr.shift(idx)
          arr.shift
        end
      end
      result << arr
    end

    def inquiry
      ArrayInquirer.new(self)
    end

    def to_sentence(options = {})
      unless options.is_a?(Hash)
        raise ArgumentError, "Unknown key: #{options.inspect}. Valid keys are: :words_connector, :two_words_connector, :last_word_connector, :locale"
      end
      options.assert_valid_keys(:words_connector, :two_words_connector, :last_word_connector, :locale)
      words_connector = options.key?(:words_connector) ? options[:words_connector] : ", "
      two_words_connector = options.key?(:two_words_connector) ? options[:two_words_connector] : " and "
      last_word_connector = options.key?(:last_word_connector) ? options[:last_word_connector] : ", and "
      case size
      when 0 then ""
      when 1 then "#{self[0]}"
      when 2 then "#{self[0]}#{two_words_connector}#{self[1]}"
      else "#{self[0...-1].join(words_connector)}#{last_word_connector}#{self[-1]}"
      end
    end

    def to_fs(format = :default)
      case format
      when :db
        empty? ? "null" : collect(&:id).join(",")
      else
        to_s
      end
    end
    alias to_formatted_s to_fs

    def compact_blank!
      delete_if(&:blank?)
    end

    def sum(init = nil, &block)
      Jetsam.sum(self, init, &block)
    end
  end

  # ActiveSupport's Enumerable#sum: from `identity` when given, else `inject(:+) || 0`, so that
  # Strings and Arrays add up too.
  def self.sum(collection, identity, &block)
    items = block ? collection.map(&block) : collection.to_a
    return items.inject(identity) { |total, item| total + item } if identity
    items.inject(:+) || 0
  end

  class ArrayInquirer < ::Array
    def any?(*candidates)
      if candidates.empty?
        super
      else
        candidates.any? { |candidate| include?(candidate.to_sym) || include?(candidate.to_s) }
      end
    end

    def method_missing(name, *args)
      key = name.to_s
      if key[-1] == "?" && args.empty?
        any?(key[0, key.size - 1])
      else
        super
      end
    end

    def respond_to_missing?(name, include_private = false)
      name.to_s[-1] == "?" || super
    end
  end

  module ::Enumerable
    def sum(init = nil, &block)
      Jetsam.sum(self, init, &block)
    end

    def index_by
      return to_enum(:index_by) unless block_given?
      result = {}
      each { |elem| result[yield(elem)] = elem }
      result
    end

    def index_with(*default)
      if block_given?
        result = {}
        each { |elem| result[elem] = yield(elem) }
        result
      elsif default.empty?
        to_enum(:index_with)
      else
        result = {}
        each { |elem| result[elem] = default[0] }
        result
      end
    end

    def many?
      cnt = 0
      if block_given?
        any? do |element|
          cnt += 1 if yield(element)
          cnt > 1
        end
      else
        any? { (cnt += 1) > 1 }
      end
    end

    def including(*elements)
      to_a.including(*elements)
    end

    def excluding(*elements)
      elements.flatten!(1)
      reject { |element| elements.include?(element) }
    end
    alias without excluding

    def exclude?(object)
      !include?(object)
    end

    def pluck(*keys)
      if keys.many?
        map { |element| keys.map { |key| element[key] } }
      else
        key = keys.first
        map { |element| element[key] }
      end
    end

    def pick(*keys)
      return if none?
      if keys.many?
        keys.map { |key| first[key] }
      else
        first[keys.first]
      end
    end

    def compact_blank
      reject(&:blank?)
    end

    # ActiveSupport 7.0
    def in_order_of(key, series)
      group_by(&key).values_at(*series).flatten(1).compact
    end

    def sole
      case count
      when 1 then return first
      when 0 then raise SoleItemExpectedError, "no item found"
      else raise SoleItemExpectedError, "multiple items found"
      end
    end

    def maximum(key)
      map(&key).max
    end

    def minimum(key)
      map(&key).min
    end
  end

  class ::Enumerable::SoleItemExpectedError < StandardError; end
  SoleItemExpectedError = ::Enumerable::SoleItemExpectedError

  # Array, Hash and Range include Enumerable in mruby too, but have their own each/map: the
  # methods above reach them through Enumerable. Array's own sum is defined above; Hash's here.
  class ::Hash
    def compact_blank
      reject { |_k, v| v.blank? }
    end

    def compact_blank!
      delete_if { |_k, v| v.blank? }
    end
  end

  class ::Range
    def sum(init = nil, &block)
      if block || !(first.is_a?(Integer) && last.is_a?(Integer))
        Jetsam.sum(self, init, &block)
      else
        actual_last = exclude_end? ? (last - 1) : last
        return init || 0 if actual_last < first
        (actual_last - first + 1) * (actual_last + first) / 2 + (init || 0)
      end
    end
  end
end
