# ActiveSupport's String extensions (core_ext/string/*): access, inflections, filters, indent,
# strip_heredoc, inquiry. This mruby's Strings are bytes: positions count bytes, which is the
# same as ActiveSupport's for ASCII text.
module Jetsam
  class ::String
    def acts_like_string?
      true
    end

    def at(position)
      self[position]
    end

    def from(position)
      self[position, size]
    end

    def to(position)
      position += size if position < 0
      position < 0 ? "" : self[0, position + 1]
    end

    def first(limit = 1)
      raise ArgumentError, "negative limit" if limit < 0
      limit >= size ? dup : self[0, limit]
    end

    def last(limit = 1)
      raise ArgumentError, "negative limit" if limit < 0
      return "" if limit == 0
      limit >= size ? dup : self[size - limit, limit]
    end

    def exclude?(string)
      !include?(string)
    end

    def camelize(first_letter = :upper)
      case first_letter
      when :upper, true then Inflector.camelize(self, true)
      when :lower, false then Inflector.camelize(self, false)
      else raise ArgumentError, "Invalid option, use either :upper or :lower."
      end
    end
    alias camelcase camelize

    def underscore
      Inflector.underscore(self)
    end

    def dasherize
      Inflector.dasherize(self)
    end

    def demodulize
      Inflector.demodulize(self)
    end

    def deconstantize
      Inflector.deconstantize(self)
    end

    def humanize(capitalize: true, keep_id_suffix: false)
      Inflector.humanize(self, capitalize: capitalize, keep_id_suffix: keep_id_suffix)
    end

    def titleize(keep_id_suffix: false)
      Inflector.titleize(self, keep_id_suffix: keep_id_suffix)
    end
    alias titlecase titleize

    def upcase_first
      Inflector.upcase_first(self)
    end

    def downcase_first
      Inflector.downcase_first(self)
    end

    def pluralize(count = nil, _locale = :en)
      Inflector.pluralize(self, count)
    end

    def singularize(_locale = :en)
      Inflector.singularize(self)
    end

    def tableize
      Inflector.tableize(self)
    end

    def classify
      Inflector.classify(self)
    end

    def foreign_key(separate_class_name_and_id_with_underscore = true)
      Inflector.foreign_key(self, separate_class_name_and_id_with_underscore)
    end

    def parameterize(separator: "-", preserve_case: false, locale: nil)
      Inflector.parameterize(self, separator: separator, preserve_case: preserve_case, locale: locale)
    end

    def constantize
      Inflector.constantize(self)
    end

    def safe_constantize
      Inflector.safe_constantize(self)
    end

    def inquiry
      StringInquirer.new(self)
    end

    def squish
      text = self
      Blank::SPACES.each { |space| text = text.gsub(space, " ") if space.bytesize > 1 && text.include?(space) }
      text.split(" ").join(" ")
    end

    def squish!
      replace(squish)
    end

    def remove(*patterns)
      text = dup
      patterns.each { |pattern| text = text.gsub(pattern, "") }
      text
    end

    def remove!(*patterns)
      replace(remove(*patterns))
    end

    def truncate(truncate_at, options = {})
      return dup unless size > truncate_at
      omission = options[:omission] || "..."
      room = truncate_at - omission.size
      stop = options[:separator] ? (rindex(options[:separator], room) || room) : room
      stop = 0 if stop < 0
      "#{self[0, stop]}#{omission}"
    end

    def truncate_bytes(truncate_at, omission: "\u2026")
      omission ||= ""
      if bytesize <= truncate_at
        dup
      elsif omission.bytesize > truncate_at
        raise ArgumentError, "Omission #{omission.inspect} is #{omission.bytesize}, larger than the truncation length of #{truncate_at} bytes"
      elsif omission.bytesize == truncate_at
        omission.dup
      else
        cut_at = truncate_at - omission.bytesize
        cut = ""
        i = 0
        while i < bytesize
          byte = getbyte(i)
          width = [Chars.utf8_width(byte), 1].max
          break if cut.bytesize + width > cut_at
          cut << byteslice(i, width)
          i += width
        end
        cut << omission
      end
    end

    # AS: /\A((?>.+?#{sep}){#{words_count - 1}}.+?)#{sep}.*/m; the separator is a String, or
    # runs of white space by default.
    def truncate_words(words_count, options = {})
      separator = options[:separator]
      omission = options[:omission] || "..."
      pos = 0
      count = 0
      while pos < size
        at, stop = Jetsam.next_separator(self, pos + 1, separator)
        return dup unless at
        count += 1
        return "#{self[0, at]}#{omission}" if count == words_count
        pos = stop
      end
      dup
    end

    def indent(amount, indent_string = nil, indent_empty_lines = false)
      dup.indent!(amount, indent_string, indent_empty_lines) || dup
    end

    def indent!(amount, indent_string = nil, indent_empty_lines = false)
      lines = split("\n", -1)
      indent_string ||= lines.map { |line| line[0] }.find { |c| c == " " || c == "\t" } || " "
      prefix = indent_string * amount
      indented = lines.each_with_index.map do |line, i|
        last = i == lines.size - 1
        if line.empty? && (last || !indent_empty_lines)
          line
        else
          prefix + line
        end
      end.join("\n")
      indented == self ? nil : replace(indented)
    end

    def strip_heredoc
      lines = split("\n", -1)
      margins = []
      lines.each do |line|
        i = 0
        i += 1 while line[i] == " " || line[i] == "\t"
        margins << line[0, i] if i < line.size && !" \t\r\f\v".include?(line[i])
      end
      margin = margins.min || ""
      stripped = lines.map { |line| line.start_with?(margin) ? line[margin.size..-1] : line }.join("\n")
      stripped.freeze if frozen?
      stripped
    end

    def is_utf8?
      i = 0
      while i < bytesize
        byte = getbyte(i)
        width = Chars.utf8_width(byte)
        return false if width == 0 || i + width > bytesize
        (1...width).each { |k| return false unless (getbyte(i + k) & 0xc0) == 0x80 }
        i += width
      end
      true
    end
  end

  # Where the next separator starts at or after `from`, and where it ends: `separator` as a
  # String, or a run of white space when nil. nil when there is none.
  def self.next_separator(text, from, separator)
    if separator
      at = text.index(separator.to_s, from)
      return at ? [at, at + separator.to_s.size] : nil
    end
    at = from
    at += 1 while at < text.size && !" \t\n\v\f\r".include?(text[at])
    return nil if at >= text.size
    stop = at
    stop += 1 while stop < text.size && " \t\n\v\f\r".include?(text[stop])
    [at, stop]
  end

  # Jets' own core extension (jets/core_ext/symbol.rb).
  class ::Symbol
    def camelize
      to_s.camelize.to_sym
    end
  end
end
