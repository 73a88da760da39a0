# ERB: the template is compiled to Ruby here and run by the host at top level (Host.template),
# as code of the config line that asked for the result: what it sets is that line's doing. This
# mruby has no Binding: a template sees the config's world (Jets, ENV, constants, methods
# defined at top level), not the caller's local variables; result_with_hash passes locals.
module Jetsam
  class NoBinding
    def local_variable_get(name)
      raise NameError, "local variable '#{name}' is not available: jetsam runs ERB templates without the caller's binding (use result_with_hash)"
    end

    def local_variable_defined?(_name)
      false
    end

    def local_variables
      []
    end

    def inspect
      "#<Binding>"
    end
  end

  module ::Kernel
    def binding
      NoBinding.new
    end
  end

  class ::ERB
    attr_reader :src
    attr_accessor :filename, :lineno

    def self.version
      "4.0.2"
    end

    def initialize(str, *legacy, trim_mode: nil, eoutvar: "_erbout")
      trim_mode = legacy[1] if trim_mode.nil? && legacy.size >= 2
      eoutvar = legacy[2] if legacy.size >= 3 && legacy[2]
      @src = ErbCompiler.new(trim_mode.to_s, eoutvar.to_s).compile(str.to_s)
      @filename = nil
      @lineno = 0
    end

    def location=(pair)
      @filename, @lineno = pair
    end

    def result(_binding = nil)
      Host.template(@src, @filename || "(erb)", @lineno.to_i + 1)
    end

    def result_with_hash(hash)
      names = hash.keys.map(&:to_s)
      names.each do |name|
        unless !name.empty? && (Chars.lower?(name[0]) || name[0] == "_") && name.each_char.all? { |c| Chars.word?(c) }
          raise ArgumentError, "#{name.inspect} is not a local variable name"
        end
      end
      assigns = names.map { |name| "#{name} = __jetsam_erb_locals[#{name.inspect}];" }.join
      code = "lambda { |__jetsam_erb_locals| #{assigns}\n#{@src}\n}"
      template = Host.template(code, @filename || "(erb)", @lineno.to_i)
      template.call(hash.transform_keys(&:to_s))
    end

    def run(b = nil)
      print result(b)
    end

    module Util
      HTML_ESCAPE = { "&" => "&amp;", "<" => "&lt;", ">" => "&gt;", '"' => "&quot;", "'" => "&#39;" }.freeze
      JSON_ESCAPE = { "&" => "\\u0026", ">" => "\\u003e", "<" => "\\u003c", "\u2028" => "\\u2028", "\u2029" => "\\u2029" }.freeze

      def self.html_escape(s)
        out = ""
        s.to_s.each_char { |c| out << (HTML_ESCAPE[c] || c) }
        out
      end

      def self.unwrapped_html_escape(s)
        html_escape(s)
      end

      # Leaves entities that are already there (&amp;, &#39;, &#x27;) as they are.
      def self.html_escape_once(s)
        text = s.to_s
        out = ""
        i = 0
        while i < text.size
          c = text[i]
          if c == "&" && Jetsam.entity_at?(text, i)
            out << c
          else
            out << (HTML_ESCAPE[c] || c)
          end
          i += 1
        end
        out
      end

      def self.json_escape(s)
        text = s.to_s
        JSON_ESCAPE.each { |from, to| text = text.gsub(from, to) if text.include?(from) }
        text
      end

      def self.url_encode(s)
        Cgi.escape_uri_component(s.to_s)
      end

      # ActiveSupport: makes a String a valid XML name.
      def self.xml_name_escape(name)
        name = name.to_s
        return "" if name.empty?
        out = ""
        name.each_char.with_index do |c, i|
          ok = Chars.alnum?(c) || c == "_" || c == ":" || c.bytesize > 1 || (i > 0 && (c == "-" || c == "."))
          ok = false if i == 0 && Chars.digit?(c)
          out << (ok ? c : "_")
        end
        out
      end

      def h(s)
        Util.html_escape(s)
      end

      def html_escape(s)
        Util.html_escape(s)
      end

      def u(s)
        Util.url_encode(s)
      end

      def url_encode(s)
        Util.url_encode(s)
      end

      class << self
        alias h html_escape
        alias u url_encode
      end
    end
  end

  def self.entity_at?(text, i)
    stop = text.index(";", i)
    return false unless stop && stop > i + 1
    name = text[(i + 1)...stop]
    if name.start_with?("#x") || name.start_with?("#X")
      name.size > 2 && name[2..-1].each_char.all? { |c| Chars.digit?(c) || "abcdefABCDEF".include?(c) }
    elsif name.start_with?("#")
      name.size > 1 && name[1..-1].each_char.all? { |c| Chars.digit?(c) }
    else
      name.each_char.all? { |c| Chars.upper?(c) || Chars.lower?(c) }
    end
  end

  # Turns a template into Ruby that builds the text in `eoutvar`, one line of code per line of
  # template (so an error names the template's line). Trim modes: "-" (<%- and -%>), ">" and
  # "<>" (newlines after tags), "%" (lines starting with % are code).
  class ErbCompiler
    def initialize(trim_mode, eoutvar)
      @percent = trim_mode.include?("%")
      @dash = trim_mode.include?("-")
      @trim_gt = trim_mode.include?(">") && !trim_mode.include?("<>")
      @trim_ltgt = trim_mode.include?("<>")
      @out = eoutvar
    end

    def compile(template)
      @code = "#{@out} = String.new; "
      lines = template.split("\n", -1)
      lines.pop if lines[-1] == "" && template.end_with?("\n")
      text_lines = template.end_with?("\n") ? lines.map { |l| "#{l}\n" } : lines.each_with_index.map { |l, i| i == lines.size - 1 ? l : "#{l}\n" }
      pending = ""
      text_lines.each do |line|
        if @percent && line.start_with?("%") && !line.start_with?("%%")
          flush_text(pending)
          pending = ""
          @code << line[1..-1].chomp << "\n"
        else
          line = line[1..-1] if @percent && line.start_with?("%%")
          pending << line
        end
      end
      flush_text(pending)
      @code << "; #{@out}"
      @code
    end

    private

    def flush_text(text)
      return if text.empty?
      i = 0
      buffer = ""
      while i < text.size
        open = text.index("<%", i)
        if open.nil?
          buffer << text[i..-1]
          break
        end
        if text[open + 2] == "%"
          buffer << text[i...open] << "<%"
          i = open + 3
          next
        end
        before = text[i...open]
        kind = text[open + 2]
        start = open + 2
        if kind == "=" || kind == "#"
          start += 1
        elsif kind == "-" && @dash
          before = strip_line_indent(buffer + before, buffer)
          buffer = ""
          start += 1
          kind = "-"
        else
          kind = nil
        end
        buffer << before
        close = find_close(text, start)
        raise ::SyntaxError, "ERB: a <% tag is never closed" unless close
        body = text[start...close].gsub("%%>", "%>")
        trim_newline = false
        close_len = 2
        if @dash && text[close - 1] == "-" && kind != "#"
          body = body[0, body.size - 1]
          trim_newline = true
        elsif @dash && text[close - 1] == "-"
          trim_newline = true
        end
        after = close + close_len
        if (@trim_gt || (@trim_ltgt && line_start?(text, open, buffer))) && text[after] == "\n"
          trim_newline = true
        end
        emit_text(buffer)
        buffer = ""
        case kind
        when "=" then @code << "#{@out}.<<((#{body}).to_s); "
        when "#" then @code << ("\n" * body.count("\n"))
        else @code << body << "; "
        end
        i = after
        if trim_newline && text[i] == "\n"
          i += 1
          @code << "\n"
        end
      end
      emit_text(buffer)
    end

    def find_close(text, from)
      j = from
      while (close = text.index("%>", j))
        return close unless close > 0 && text[close - 1] == "%" && close - 1 >= from
        j = close + 2
      end
      nil
    end

    def line_start?(text, open, buffer)
      open == 0 || text[open - 1] == "\n" || (buffer.empty? && open == 0)
    end

    # <%- removes the spaces and tabs before it on its line.
    def strip_line_indent(text, _buffer)
      stop = text.size
      stop -= 1 while stop > 0 && (text[stop - 1] == " " || text[stop - 1] == "\t")
      stop == 0 || text[stop - 1] == "\n" ? text[0, stop] : text
    end

    def emit_text(text)
      return if text.empty?
      @code << "#{@out}.<< #{Jetsam.ruby_literal(text)}; "
      @code << ("\n" * text.count("\n"))
    end
  end

  # A double-quoted Ruby literal holding `text` exactly.
  def self.ruby_literal(text)
    out = "\""
    text.each_byte do |b|
      out << case b
             when 34 then "\\\""
             when 92 then "\\\\"
             when 35 then "\\#"
             when 10 then "\\n"
             when 9 then "\\t"
             when 13 then "\\r"
             else b < 32 || b == 127 ? format("\\x%02X", b) : b.chr
             end
    end
    out << "\""
  end

  module Cgi
    UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"

    def self.escape(s)
      out = ""
      s.to_s.each_byte do |b|
        c = b.chr
        out << if UNRESERVED.include?(c) && c != "~" then c
               elsif c == "~" then c
               elsif b == 32 then "+"
               else format("%%%02X", b)
               end
      end
      out
    end

    def self.escape_uri_component(s)
      out = ""
      s.to_s.each_byte { |b| c = b.chr; out << (UNRESERVED.include?(c) ? c : format("%%%02X", b)) }
      out
    end

    def self.unescape(s, plus_is_space = true)
      text = s.to_s
      out = ""
      i = 0
      while i < text.size
        c = text[i]
        if c == "+" && plus_is_space
          out << " "
          i += 1
        elsif c == "%" && text[i + 1, 2].to_s.size == 2 && text[i + 1, 2].each_char.all? { |h| "0123456789abcdefABCDEF".include?(h) }
          out << text[i + 1, 2].to_i(16).chr
          i += 3
        else
          out << c
          i += 1
        end
      end
      out
    end
  end

  class ::CGI
    def self.escape(s)
      Cgi.escape(s)
    end

    def self.unescape(s)
      Cgi.unescape(s)
    end

    def self.escapeURIComponent(s)
      Cgi.escape_uri_component(s)
    end

    def self.unescapeURIComponent(s)
      Cgi.unescape(s, false)
    end

    def self.escapeHTML(s)
      ::ERB::Util.html_escape(s)
    end

    def self.unescapeHTML(s)
      text = s.to_s
      { "&lt;" => "<", "&gt;" => ">", "&quot;" => '"', "&#39;" => "'", "&#x27;" => "'", "&amp;" => "&" }.each do |from, to|
        text = text.gsub(from, to) if text.include?(from)
      end
      text
    end
  end
end
