# An Array held by a setting. Lists are Arrays (their class is switched in place, so identity is
# kept): every mutation records the file:line that made it, and each item remembers where it
# was added, so `explain` can say where a permission came from.
module Jetsam
  class List < Array
    OWNERS = {}   # list.__id__ => [node, key]
    # list.__id__ => {item.__id__ => "file:line" or "" (a Jets default)}; read by host/eval/capture.cc
    ORIGINS = {}

    class << self
      def adopt(ary, node, key, loc, previous)
        Jetsam.__adopt_list(ary)
        OWNERS[ary.__id__] = [node, key]
        # A Jets default list needs no table until a config file changes it (see `changed`).
        return ary if loc.nil? && previous.nil?
        inherited = previous.is_a?(Array) ? ORIGINS[previous.__id__] : nil
        if inherited.nil? && previous.is_a?(Array) && OWNERS.key?(previous.__id__)
          # The previous value was an untouched Jets default: its items keep being defaults.
          inherited = {}
          previous.each { |item| inherited[item.__id__] = "" }
        end
        origins = {}
        ary.each do |item|
          id = item.__id__
          origins[id] = inherited && inherited.key?(id) ? inherited[id] : (loc || "")
        end
        ORIGINS[ary.__id__] = origins
        ary
      end

      def changed(list, op, added)
        owner = OWNERS[list.__id__]
        return unless owner
        loc = Jetsam.__loc
        origins = ORIGINS[list.__id__]
        if origins.nil?
          # First change to a default list: what was there before is Jets' default.
          origins = {}
          added_ids = added.map(&:__id__)
          list.each { |item| origins[item.__id__] = "" unless added_ids.include?(item.__id__) }
          ORIGINS[list.__id__] = origins
        end
        added.each { |item| origins[item.__id__] = loc || "" unless origins.key?(item.__id__) }
        owner[0].__touch(owner[1], loc, op)
      end
    end

    def <<(item)
      super
      List.changed(self, "append", [item])
      self
    end

    def push(*items)
      super
      List.changed(self, "append", items)
      self
    end
    alias append push

    def concat(*arrays)
      super
      List.changed(self, "append", arrays.flatten(1))
      self
    end

    def unshift(*items)
      super
      List.changed(self, "append", items)
      self
    end
    alias prepend unshift

    def insert(index, *items)
      super
      List.changed(self, "append", items)
      self
    end

    def []=(*args)
      super
      value = args[-1]
      List.changed(self, "mutate", value.is_a?(Array) ? value : [value])
      value
    end

    def replace(other)
      super
      List.changed(self, "set", other)
      self
    end

    # mruby's define_method blocks cannot call super: keep the originals under another name.
    %i[delete delete_at delete_if reject! select! keep_if clear uniq! compact! pop shift slice!].each do |name|
      next unless Array.method_defined?(name)
      original = "__array_#{name}".to_sym
      alias_method original, name
      define_method(name) do |*args, &block|
        result = __send__(original, *args, &block)
        List.changed(self, "remove", [])
        result
      end
    end

    %i[map! collect! flatten! sort! sort_by! reverse! rotate! shuffle! fill].each do |name|
      next unless Array.method_defined?(name)
      original = "__array_#{name}".to_sym
      alias_method original, name
      define_method(name) do |*args, &block|
        result = __send__(original, *args, &block)
        List.changed(self, "mutate", to_a)
        result
      end
    end
  end
end
