# YAML (Psych) reading: YAML.load, safe_load, unsafe_load, load_file. The host parses with
# libyaml (host/eval/yaml_native.cc), bounded in size, depth and aliases, and types plain
# scalars as Psych does (integers, floats, booleans, nil, :symbols).
module Jetsam
  module ::Psych
    VERSION = "5.0.1"
    LIBYAML_VERSION = "0.2.5"

    class Exception < ::RuntimeError; end
    class BadAlias < Exception; end

    class AliasesNotEnabled < BadAlias
      def initialize
        super "Alias parsing was not enabled. To enable it, pass `aliases: true` to `Psych::load` or `Psych::safe_load`."
      end
    end

    class DisallowedClass < Exception
      def initialize(action, klass_name)
        super "Tried to #{action} unspecified class: #{klass_name}"
      end
    end

    class SyntaxError < Exception
      attr_reader :file, :line, :problem

      def initialize(file, line, problem)
        @file = file
        @line = line
        @problem = problem
        super "(#{file || '<unknown>'}): #{problem} at line #{line}"
      end
    end

    def self.safe_load(yaml, permitted_classes: [], permitted_symbols: [], aliases: false, filename: nil,
                       fallback: nil, symbolize_names: false, freeze: false, strict_integer: false)
      classes = permitted_classes.map(&:to_s)
      Jetsam.yaml_load(yaml, filename, classes, permitted_symbols.map(&:to_s), aliases, fallback, symbolize_names, freeze)
    end

    def self.load(yaml, permitted_classes: [::Symbol], permitted_symbols: [], aliases: false, filename: nil,
                  fallback: nil, symbolize_names: false, freeze: false, strict_integer: false)
      safe_load(yaml, permitted_classes: permitted_classes, permitted_symbols: permitted_symbols, aliases: aliases,
                      filename: filename, fallback: fallback, symbolize_names: symbolize_names, freeze: freeze)
    end

    def self.unsafe_load(yaml, filename: nil, fallback: false, symbolize_names: false, freeze: false, strict_integer: false)
      Jetsam.yaml_load(yaml, filename, %w[Symbol Date Time], [], true, fallback, symbolize_names, freeze)
    end

    def self.load_file(filename, **kwargs)
      load(::File.read(filename), filename: filename.to_s, fallback: false, **kwargs)
    end

    def self.safe_load_file(filename, **kwargs)
      safe_load(::File.read(filename), filename: filename.to_s, fallback: false, **kwargs)
    end

    def self.unsafe_load_file(filename, **kwargs)
      unsafe_load(::File.read(filename), filename: filename.to_s, fallback: false, **kwargs)
    end

    def self.parse(*_args)
      raise NotImplementedError, "YAML.parse (the node tree) is not available in jetsam: use YAML.load"
    end

    def self.dump(*_args)
      raise NotImplementedError, "YAML.dump is not available in jetsam: configs read YAML here, they do not write it"
    end
  end

  Object.const_set(:YAML, ::Psych)

  def self.yaml_load(yaml, filename, classes, symbols, aliases, fallback, symbolize_names, freeze)
    yaml = yaml.read if yaml.respond_to?(:read)
    raise TypeError, "no implicit conversion of #{yaml.class} into String" unless yaml.is_a?(String)
    # [value], or nil for a stream with no document
    document = Host.yaml_load(yaml, filename || "<unknown>", classes, symbols, !!aliases, !!symbolize_names, !!freeze)
    document ? document[0] : fallback
  end
end
