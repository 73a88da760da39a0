# The Jets module a config file sees: Jets.env, Jets.extra, Jets.aws, and Jets.project,
# Jets.bootstrap, Jets.deploy (one settings object each, made by the host with Jets' defaults on
# first use: host/eval/runtime.cc defines those methods and freezes the module).
module Jets  # VERSION: build/generated/jets_version.rb, from include/jetsam/version.h
  class Error < ::StandardError; end
end

module Jetsam
  Jets = ::Jets

  class ::Jets::Aws
    def region
      Host.fact(:region)
    end

    def account
      Host.fact(:account)
    end

    def s3_bucket
      Host.fact(:s3_bucket)
    end

    def inspect
      "#<Jets::Aws>"
    end
    alias to_s inspect
  end

  # The rest of Jets' public surface (Jets::Core) that a config may call. Jets.root (a
  # Pathname) is the host's: the checkout, or the facts' root: (host/eval/ruby_facts.cc).
  class << ::Jets
    def boot
      false  # the config files are being loaded: Jets has booted
    end

    def build_root
      "#{ENV['JETS_BUILD_ROOT'] || '/tmp/jets'}/#{project.namespace}"
    end

    def s3_bucket
      aws.s3_bucket
    end

    def logger
      LOGGER[0]
    end

    def logger=(logger)
      LOGGER[0] = logger
    end

    def deprecator
      LOGGER[1]
    end
  end
  LOGGER = [::Logger.new, ::Logger.new]  # Jets.logger (a config may set it) and Jets.deprecator
end
