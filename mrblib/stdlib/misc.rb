# Small parts of Ruby's standard library that configs use: SecureRandom, Base64, OpenStruct,
# Shellwords, Forwardable, Singleton, Logger (which writes nowhere), FileUtils (which refuses).
module Jetsam
  # jetsam's output must not vary from run to run: these numbers come from a generator seeded
  # with a constant at every evaluation. They are never secrets.
  module ::SecureRandom
    BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    BASE36_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
    ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    GENERATOR = ::Random.new(0x6a657473)

    def self.generator
      GENERATOR
    end

    def self.random_bytes(n = nil)
      n = (n || 16).to_i
      (0...n).map { generator.rand(256) }.pack("C*")
    end
    singleton_class.send(:alias_method, :bytes, :random_bytes)

    def self.hex(n = nil)
      random_bytes(n).unpack1("H*")
    end

    def self.uuid
      bytes = random_bytes(16).unpack("C*")
      bytes[6] = (bytes[6] & 0x0f) | 0x40
      bytes[8] = (bytes[8] & 0x3f) | 0x80
      h = bytes.pack("C*").unpack1("H*")
      "#{h[0, 8]}-#{h[8, 4]}-#{h[12, 4]}-#{h[16, 4]}-#{h[20, 12]}"
    end

    def self.random_number(n = 0)
      n.is_a?(Numeric) && n > 0 ? generator.rand(n) : generator.rand
    end
    singleton_class.send(:alias_method, :rand, :random_number)

    def self.base64(n = nil)
      ::Base64.strict_encode64(random_bytes(n))
    end

    def self.urlsafe_base64(n = nil, padding = false)
      ::Base64.urlsafe_encode64(random_bytes(n), padding: padding)
    end

    def self.choose(alphabet, n)
      (0...n).map { alphabet[generator.rand(alphabet.size)] }.join
    end

    def self.alphanumeric(n = nil)
      choose(ALPHANUMERIC, (n || 16).to_i)
    end

    def self.base58(n = 16)  # ActiveSupport
      choose(BASE58_ALPHABET, n)
    end

    def self.base36(n = 16)  # ActiveSupport
      choose(BASE36_ALPHABET, n)
    end
  end

  module ::Base64
    def self.encode64(bin)
      [bin].pack("m")
    end

    def self.decode64(str)
      str.unpack1("m")
    end

    def self.strict_encode64(bin)
      [bin].pack("m0")
    end

    def self.strict_decode64(str)
      str.unpack1("m0")
    end

    def self.urlsafe_encode64(bin, padding: true)
      text = strict_encode64(bin).tr("+/", "-_")
      padding ? text : text.delete("=")
    end

    def self.urlsafe_decode64(str)
      text = str.tr("-_", "+/")
      text += "=" * ((4 - text.size % 4) % 4) unless text.end_with?("=")
      strict_decode64(text)
    end
  end

  class ::OpenStruct
    def initialize(hash = nil)
      @table = {}
      (hash || {}).each_pair { |k, v| @table[k.to_sym] = v }
    end

    def [](name)
      @table[name.to_sym]
    end

    def []=(name, value)
      @table[name.to_sym] = value
    end

    def to_h(&block)
      block ? @table.to_h(&block) : @table.dup
    end

    def each_pair(&block)
      @table.each_pair(&block)
    end

    def dig(name, *names)
      value = @table[name.to_sym]
      names.empty? || value.nil? ? value : value.dig(*names)
    end

    def delete_field(name)
      @table.delete(name.to_sym)
    end

    def respond_to_missing?(name, include_private = false)
      key = name.to_s
      key = key[0, key.size - 1] if key.end_with?("=")
      @table.key?(key.to_sym) || super
    end

    def method_missing(name, *args)
      key = name.to_s
      if key.end_with?("=") && args.size == 1
        @table[key[0, key.size - 1].to_sym] = args[0]
      elsif args.empty?
        @table[name]
      else
        super
      end
    end

    def ==(other)
      other.is_a?(::OpenStruct) && to_h == other.to_h
    end

    def inspect
      pairs = @table.map { |k, v| " #{k}=#{v.inspect}" }.join(",")
      "#<OpenStruct#{pairs}>"
    end
    alias to_s inspect

    def as_json(options = nil)
      @table.as_json(options)
    end
  end

  module ::Shellwords
    SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,:+/@\n"

    def self.escape(str)
      str = str.to_s
      return "''" if str.empty?
      out = ""
      str.each_char do |c|
        out << if c == "\n" then "'\n'"
               elsif SAFE.include?(c) || c.bytesize > 1 then c
               else "\\#{c}"
               end
      end
      out
    end

    def self.join(array)
      array.map { |arg| escape(arg) }.join(" ")
    end

    def self.split(line)
      words = []
      field = nil
      i = 0
      while i < line.size
        c = line[i]
        if " \t\n".include?(c)
          words << field if field
          field = nil
        elsif c == "'"
          close = line.index("'", i + 1)
          raise ArgumentError, "Unmatched quote: #{line.inspect}" unless close
          field = (field || "") + line[(i + 1)...close]
          i = close
        elsif c == '"'
          j = i + 1
          value = ""
          while j < line.size && line[j] != '"'
            if line[j] == "\\" && j + 1 < line.size
              j += 1
            end
            value << line[j]
            j += 1
          end
          raise ArgumentError, "Unmatched quote: #{line.inspect}" if j >= line.size
          field = (field || "") + value
          i = j
        elsif c == "\\" && i + 1 < line.size
          field = (field || "") + line[i + 1]
          i += 1
        else
          field = (field || "") + c
        end
        i += 1
      end
      words << field if field
      words
    end

    class << self
      alias shellescape escape
      alias shelljoin join
      alias shellsplit split
      alias shellwords split
    end
  end

  class ::String
    def shellescape
      ::Shellwords.escape(self)
    end

    def shellsplit
      ::Shellwords.split(self)
    end
  end

  class ::Array
    def shelljoin
      ::Shellwords.join(self)
    end
  end

  module ::Forwardable
    def def_delegator(accessor, method, ali = method)
      accessor = accessor.to_s
      define_method(ali) do |*args, &block|
        target = accessor.start_with?("@") ? instance_variable_get(accessor) : __send__(accessor)
        target.__send__(method, *args, &block)
      end
    end
    alias def_instance_delegator def_delegator

    def def_delegators(accessor, *methods)
      methods.each { |method| def_delegator(accessor, method) }
    end
    alias def_instance_delegators def_delegators

    def delegate(hash)
      hash.each do |methods, accessor|
        Array(methods).each { |method| def_delegator(accessor, method) }
      end
    end
    alias instance_delegate delegate
  end

  module ::Singleton
    def self.included(base)
      base.extend(ClassMethods)
      base.private_class_method :new
    end

    module ClassMethods
      def instance
        @singleton__instance__ ||= new
      end
    end
  end

  class ::Logger
    DEBUG = 0
    INFO = 1
    WARN = 2
    ERROR = 3
    FATAL = 4
    UNKNOWN = 5
    attr_accessor :level, :progname, :formatter, :datetime_format

    def initialize(*_args, level: DEBUG, progname: nil, **_options)
      @level = level
      @progname = progname
    end

    %i[debug info warn error fatal unknown].each do |name|
      define_method(name) { |*_args| true }
      define_method(:"#{name}?") { true }
    end

    def add(*_args)
      true
    end
    alias log add

    def <<(_msg)
      self
    end

    def close
      nil
    end
  end

  module ::FileUtils
    def self.pwd
      ::Dir.pwd
    end

    %i[cd chdir mkdir mkdir_p makedirs rm rm_f rm_r rm_rf rmtree rmdir cp cp_r mv ln ln_s ln_sf
       touch chmod chmod_R chown chown_R install copy_entry remove_entry].each do |name|
      define_singleton_method(name) do |*_args, **_opts|
        Sandbox.refuse("FileUtils.#{name}")
      end
    end
  end
end
