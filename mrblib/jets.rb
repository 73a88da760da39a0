# The Jets module a config file sees: Jets.env, Jets.extra, Jets.project/bootstrap/deploy (one
# settings object each, built with Jets' defaults on first use) and Jets.aws.
module Jets
  class Aws
    def region
      fact(:region, "aws.region")
    end

    def account
      fact(:account, "aws.account")
    end

    def s3_bucket
      fact(:s3_bucket, "aws.s3_bucket")
    end

    private

    def fact(key, name)
      value = Jetsam::HOST[key]
      return value if value
      placeholder = "<#{name}>"
      Jetsam.__unresolved(name, placeholder)
      placeholder
    end
  end

  class << self
    def env
      @env ||= Jetsam::StringInquirer.new(Jetsam::HOST[:env])
    end

    def extra
      extra = Jetsam::HOST[:extra]
      extra.nil? || extra.empty? ? nil : extra
    end

    def aws
      @aws ||= Aws.new
    end

    def project
      @project ||= Jetsam.build(Jetsam::ProjectConfig.new)
    end

    def bootstrap
      @bootstrap ||= Jetsam.build(Jetsam::BootstrapConfig.new)
    end

    def deploy
      @deploy ||= Jetsam.build(Jetsam::DeployConfig.new)
    end

    # Objects that exist only once a config file asked for them.
    def __built
      [@project, @bootstrap, @deploy].compact
    end
  end
end

module Jetsam
  # Runs Jets' defaults for this object (Jetsam::Defaults.project, .bootstrap, .deploy). While
  # they run, changes are recorded as Jets defaults, not as the config file's.
  def self.build(object)
    __defining(1)
    begin
      Defaults.__send__(object.__name, object)
    ensure
      __defining(-1)
    end
    object
  end
end
