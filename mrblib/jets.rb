# The Jets module a config file sees: Jets.env, Jets.extra, Jets.aws, and Jets.project,
# Jets.bootstrap, Jets.deploy (one settings object each, made by the host with Jets' defaults on
# first use: host/eval/runtime.cc defines those methods and freezes the module).
module Jets
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

end
