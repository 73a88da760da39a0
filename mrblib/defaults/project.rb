# Jets.project's defaults, as Jets 6.0.5 sets them (lib/jets/core/config/project.rb).
module Jetsam
  module Defaults
    def self.project(config)
      config.name = nil
      # Sets in Jets; Arrays here (mruby has no Set). `<<` and `+=` work the same.
      config.autoload_paths = %w[app/events app/extensions shared/resources shared/extensions]
      config.ignore_paths = %w[app/functions shared/functions]

      config.dotenv = Options.new
      config.dotenv.ssm = Options.new
      config.dotenv.ssm.autoload = Options.new
      config.dotenv.ssm.autoload.default_skip = %w[BASIC_AUTH_USERNAME BASIC_AUTH_PASSWORD BASIC_AUTH_CREDENTIALS]
      config.dotenv.ssm.autoload.enable = true
      config.dotenv.ssm.autoload.skip = []
      config.dotenv.ssm.convention_resolver = nil
      config.dotenv.ssm.envs = Options.new
      config.dotenv.ssm.envs.fallback = "dev"
      config.dotenv.ssm.envs.unique = %w[dev prod]
      config.dotenv.ssm.long_env_helper = false
      config.dotenv.ssm.long_env_name = false
      # Not set by Jets' defaults, but read: `config.dotenv.ssm.project_name || Jets.project.name`
      # (lib/jets/dotenv/convention.rb).
      config.dotenv.ssm.project_name = nil

      config.base64_encode = true

      config.git = Options.new
      config.git.push = Options.new
      config.git.push.branch = Options.new.__open!

      config.tips = Options.new
      config.tips.enable = true
      config.tips.concurrency_change = true
      config.tips.env_change = true
      config.tips.faster_deploy = true
      config.tips.remote_run = true
      config.tips.ssm_change = true
    end
  end
end
