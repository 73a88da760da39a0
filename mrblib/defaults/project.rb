# Jets.project's defaults, as Jets 6.0.5 sets them (lib/jets/core/config/project.rb).
module Jetsam
  module Defaults
    # Jets.project's defaults read nothing of the evaluation's inputs: all are built with the VM.
    def self.project_inputs(_config); end

    def self.project(config)
      config.name = nil
      # Sets in Jets; Arrays here (mruby has no Set). `<<` and `+=` work the same.
      config.autoload_paths = %w[app/events app/extensions shared/resources shared/extensions]
      config.ignore_paths = %w[app/functions shared/functions]

      dotenv = config.dotenv = Options.new
      ssm = dotenv.ssm = Options.new
      autoload = ssm.autoload = Options.new
      autoload.default_skip = %w[BASIC_AUTH_USERNAME BASIC_AUTH_PASSWORD BASIC_AUTH_CREDENTIALS]
      autoload.enable = true
      autoload.skip = []
      ssm.convention_resolver = nil
      envs = ssm.envs = Options.new
      envs.fallback = "dev"
      envs.unique = %w[dev prod]
      ssm.long_env_helper = false
      ssm.long_env_name = false
      # Not set by Jets' defaults, but read: `config.dotenv.ssm.project_name || Jets.project.name`
      # (lib/jets/dotenv/convention.rb).
      ssm.project_name = nil

      config.base64_encode = true

      git = config.git = Options.new
      push = git.push = Options.new
      push.branch = Host.open(Options.new)

      tips = config.tips = Options.new
      tips.enable = true
      tips.concurrency_change = true
      tips.env_change = true
      tips.faster_deploy = true
      tips.remote_run = true
      tips.ssm_change = true
    end
  end
end
