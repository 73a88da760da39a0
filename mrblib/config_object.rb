# The object a `Jets.NAME.configure` block runs against (Jets::Core::Config::Base): `config` is
# the object itself, its top-level settings are fixed accessors (an unknown one is a
# NoMethodError, as in Jets), and several blocks add up. The host makes the three objects, runs
# Jets' defaults on them and freezes them (host/eval/runtime.cc): a config can neither give
# them methods of its own nor swap their settings.
module Jets
  module Core
    module Config
    end
  end
end

module Jetsam
  class ::Jets::Core::Config::Base
    def initialize(name)
      @__name = name
      @__root = Options.new
    end

    def config
      self
    end

    def configure(&block)
      instance_eval(&block) if block
      self
    end

    def method_missing(name, *args, &block)
      key = name.to_s
      root = @__root
      if key[-1] == "=" && args.size == 1
        field = key[0, key.size - 1]
        defaults = Host.defaults?
        # A top-level setting named like a method every object has (`config.lambda`, not
        # Kernel#lambda) gets real accessors when Jets' defaults define it; the others are
        # served here.
        if defaults && !root.key?(field) && self.class.method_defined?(field)
          define_singleton_method(field) { root[field] }
          define_singleton_method(key) { |value| root[field] = value }
        end
        return root[field] = args[0] if root.key?(field) || defaults
      elsif args.empty? && block.nil? && root.key?(key)
        return root[key]
      end
      # Only what reads like a setting (`config.x`, `config.x = v`) is reported as one; a call
      # with arguments (`system("id")` in a configure block) stays a plain NoMethodError.
      if (args.empty? && block.nil?) || (key[-1] == "=" && args.size == 1)
        Host.unknown_top(@__name, key[-1] == "=" ? key[0, key.size - 1] : key)
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
  ConfigObject = ::Jets::Core::Config::Base

  class ::Jets::Core::Config::Project < ConfigObject
    def initialize
      super("project")
    end

    # JETS_PROJECT, then config.name, then project_name in config/jets/info.yml, else Jets aborts.
    def name
      from_env = Host.getenv("JETS_PROJECT")
      return from_env if from_env && !from_env.strip.empty?
      set = @__root.key?("name") ? @__root["name"] : nil
      return set if set
      info = Host.info_project_name
      return info if info
      raise ConfigError, "Jets project name not set: set config.name in config/jets/project.rb " \
        "(Jets.project.configure do config.name = \"demo\" end) or the JETS_PROJECT environment variable"
    end

    def name=(value)
      @__root["name"] = value
    end

    def namespace
      [name, Jets.env.to_s, Jets.extra].compact.join("-").tr("_", "-")
    end

    def s3_bucket
      Jets.aws.s3_bucket
    end
  end

  class ::Jets::Core::Config::Bootstrap < ConfigObject
    include Helpers::Ssm

    def initialize
      super("bootstrap")
    end
  end

  class ::Jets::Core::Config::Deploy < ConfigObject
    include Helpers::Ssm
    include Helpers::Lookups

    def initialize
      super("deploy")
    end
  end
end
