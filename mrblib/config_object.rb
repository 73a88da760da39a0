# The object a `Jets.NAME.configure` block runs against (Jets::Core::Config::Base): `config` is
# the object itself, its top-level settings are fixed accessors (an unknown one is a
# NoMethodError, as in Jets), and several blocks add up.
module Jetsam
  class ConfigObject
    def initialize(name)
      @__name = name
      @__root = Options.new("")
    end

    def config
      self
    end

    def configure(&block)
      instance_eval(&block) if block
      self
    end

    def __name
      @__name
    end

    def __root
      @__root
    end

    def method_missing(name, *args, &block)
      key = name.to_s
      if key[-1] == "=" && args.size == 1
        field = key[0, key.size - 1]
        # A top-level setting named like a method every object has (`config.lambda`, not
        # Kernel#lambda) gets real accessors when Jets' defaults (no config file on the stack)
        # define it; the others are served here. (Defining both accessors of all ~30 cost
        # ~0.4 M instructions per evaluation.)
        if Jetsam.__loc.nil? && !@__root.key?(field) && self.class.method_defined?(field)
          root = @__root
          define_singleton_method(field) { root.__get(field) }
          define_singleton_method(key) { |value| root.__set(field, value, "set") }
        end
        return @__root.__set(field, args[0], "set") if @__root.key?(field) || Jetsam.__loc.nil?
      elsif args.empty? && block.nil? && @__root.key?(key)
        return @__root.__get(key)
      end
      # Only what reads like a setting (`config.x`, `config.x = v`) is reported as one; a call
      # with arguments (`system("id")` in a configure block) stays a plain NoMethodError.
      if (args.empty? && block.nil?) || (key[-1] == "=" && args.size == 1)
        Jetsam.__unknown_top(@__name, key[-1] == "=" ? key[0, key.size - 1] : key, Jetsam.__loc)
      end
      super
    end

    # mruby 3.1's send hands method_missing the wrong arguments (`config.send(:name=, "x")`
    # stored garbage): a setting goes to method_missing directly.
    def send(name, *args, &block)
      name = name.to_sym
      return super if singleton_class.method_defined?(name)
      method_missing(name, *args, &block)
    end
    alias public_send send

    def respond_to_missing?(name, include_private = false)
      key = name.to_s
      key = key[0, key.size - 1] if key[-1] == "="
      @__root.key?(key)  # mruby's Object has no respond_to_missing? to call with super
    end

    def inspect
      "#<Jets::Core::Config::#{@__name.capitalize}>"
    end
    alias to_s inspect
  end

  class ProjectConfig < ConfigObject
    def initialize
      super("project")
    end

    # JETS_PROJECT, then config.name, then project_name in config/jets/info.yml, else Jets aborts.
    def name
      from_env = ENV["JETS_PROJECT"]
      return from_env if from_env && !from_env.strip.empty?
      set = @__root.key?("name") ? @__root.__get("name") : nil
      return set if set
      info = Jetsam::HOST[:info_project_name]
      return info if info
      raise Jetsam::ConfigError, "Jets project name not set: set config.name in config/jets/project.rb " \
        "(Jets.project.configure do config.name = \"demo\" end) or the JETS_PROJECT environment variable"
    end

    def name=(value)
      @__root.__set("name", value, "set")
    end

    def namespace
      [name, Jets.env.to_s, Jets.extra].compact.join("-").tr("_", "-")
    end

    def s3_bucket
      Jets.aws.s3_bucket
    end
  end

  class BootstrapConfig < ConfigObject
    include Jetsam::Helpers::Ssm

    def initialize
      super("bootstrap")
    end
  end

  class DeployConfig < ConfigObject
    include Jetsam::Helpers::Ssm
    include Jetsam::Helpers::Lookups

    def initialize
      super("deploy")
    end
  end

  class ConfigError < StandardError; end
end
