# Jets.deploy's defaults. Jets 6 defines them in its closed remote runner; these follow the docs'
# reference tables (rubyonjets/jets-docs _includes/reference/config/deploy/*) and its IAM Policies
# page.
# Settings the tables omit but the docs' examples and Jets' own templates use are here too, each
# marked "not in the tables"; a default that is jetsam's inference says so.
#
# The tables under reference/config/deploy/ also list codebuild.* and code.copy.*: those are
# Jets.bootstrap settings in Jets 6 (every docs example sets them in Jets.bootstrap.configure),
# so they live in defaults/bootstrap.rb, not here.
#
# The rest of Jets.deploy is in deploy_*.rb: cloudfront (lambda.url, assets, uploads), docker
# (docker, dockerfile, ecr) and services (waf, alb, events, prewarm, …).
module Jetsam
  module Defaults
    def self.deploy(config)
      deploy_lambda(config)
      deploy_job(config)
      deploy_ci(config)
      deploy_assets(config)
      deploy_uploads(config)
      deploy_docker(config)
      deploy_services(config)
    end

    def self.deploy_lambda(config)
      config.lambda = Options.new
      function = config.lambda.function = Options.new
      function.timeout = 30
      function.memory_size = 1536
      function.properties = {}
      function.provisioned_concurrency = nil
      function.reserved_concurrency = 5
      function.vpc_config = nil
      # Not in the tables; the docs set them (shorthands for properties, like timeout): nil = unset.
      function.environment = nil
      function.logging_config = nil
      function.runtime = nil
      controller = config.lambda.controller = Options.new
      controller.enable = true
      controller.timeout = 30
      controller.memory_size = 1536
      controller.properties = {}
      controller.provisioned_concurrency = nil
      controller.reserved_concurrency = 25
      config.lambda.layers = []

      iam = config.lambda.iam = Options.new
      iam.policy = []
      iam.managed_policy = []
      iam.default_policy = nil # Jets.aws's and the project's: deploy_inputs
      iam.default_managed_policy = []
      iam.default_vpc_policy = %w[
        ec2:CreateNetworkInterface ec2:DeleteNetworkInterface ec2:DescribeNetworkInterfaces
        ec2:DescribeVpcs ec2:DescribeSubnets ec2:DescribeSecurityGroups
      ]

      # The Lambda Function URL of the controller, and the CloudFront distribution in front of it
      # (the table is reference/config/deploy/lambda/cloudfront.md with config_path="lambda.url").
      url = config.lambda.url = Options.new
      url.enable = true
      url.cloudfront = cloudfront_options(:lambda_url)
    end

    # What Jets.deploy's defaults read from the evaluation's inputs (Jets.aws, the project's
    # namespace, Jets.env), set when a config first uses Jets.deploy; the rest is built with the
    # VM (eval/prebuilt_defaults.h).
    def self.deploy_inputs(config)
      config.lambda.iam.default_policy = lambda_iam_default_policy
      config.waf.name = "#{Jets.env}" # the table: Jets.env
    end

    # The application role's baseline: its own log groups, the Jets bucket, its own stacks.
    # (The table says `self.class.iam_default_policy`: Jets computes it; this is its content.)
    def self.lambda_iam_default_policy
      region = Jets.aws.region
      account = Jets.aws.account
      namespace = default_namespace
      bucket = Jets.aws.s3_bucket
      [
        {
          Action: ["logs:*"],
          Effect: "Allow",
          Resource: "arn:aws:logs:#{region}:#{account}:log-group:/aws/lambda/#{namespace}-*"
        },
        {
          Action: ["s3:Get*", "s3:List*", "s3:HeadBucket"],
          Effect: "Allow",
          Resource: "arn:aws:s3:::#{bucket}*"
        },
        {
          Action: ["cloudformation:DescribeStacks", "cloudformation:DescribeStackResources"],
          Effect: "Allow",
          Resource: "arn:aws:cloudformation:#{region}:#{account}:stack/#{namespace}*"
        }
      ]
    end

    # Jets aborts without a project name; the capture reports that, so defaults can go on.
    def self.default_namespace
      Jets.project.namespace
    rescue ConfigError
      "<project.name>"
    end

    def self.deploy_job(config)
      job = config.job = Options.new
      job.enable = false
      job.additional_queues = []
      default_queue = job.default_queue = Options.new
      default_queue_lambda = default_queue.lambda = Options.new
      default_queue_lambda.reserved_concurrency = 5
      default_queue.properties = {}
      queue_defaults = job.queue_defaults = Options.new
      queue_defaults_lambda = queue_defaults.lambda = Options.new
      queue_defaults_lambda.memory_size = 1536
      queue_defaults_lambda.properties = {}
      queue_defaults_lambda.reserved_concurrency = 5
      queue_defaults_lambda.timeout = 900
      queue_defaults.properties = {}
      # One entry per queue name, made when first named: `config.job.queues.urgent.lambda.timeout`.
      job.queues = Host.vivify(Options.new) { |name| job_queue(name) }
    end

    # job.queues.NAME: every setting nil, which means "as job.queue_defaults" (jetsam's reading
    # of the table, whose NAME rows show the queue_defaults values as examples). The table names
    # NAME.memory_size and NAME.reserved_concurrency; the docs' examples use NAME.lambda.*.
    def self.job_queue(_name)
      queue = Options.new
      queue_lambda = queue.lambda = Options.new
      queue_lambda.memory_size = nil
      queue_lambda.properties = nil
      queue_lambda.reserved_concurrency = nil
      queue_lambda.timeout = nil
      queue.memory_size = nil
      queue.properties = nil
      queue.reserved_concurrency = nil
      queue
    end

    def self.deploy_ci(config)
      ci = config.ci = Options.new
      ci_env = ci.env = Options.new
      ci_env.vars = {}
      iam = ci.iam = Options.new
      iam.policy = []
      iam.managed_policy = []
      iam.default_policy = %w[cloudformation codebuild ecr ecr-public iam logs s3]
      iam.default_managed_policy = %w[AmazonSSMReadOnlyAccess AWSLambda_ReadOnlyAccess]
      project = ci.project = Options.new
      project.properties = {}
      schedule = ci.schedule = Options.new
      schedule.cron = nil
      schedule.enable = false
      schedule.expression = nil
      schedule.rate = nil
      ci.source = {}
      # The table says 60; the docs' CI timeout page says 30. The table's value is kept.
      ci.timeout_in_minutes = 60
      # The docs' shorthand ("`ci.timeout` also works"). Jets' open code reads the CodeBuild
      # runner's shorthand as `timeout || timeout_in_minutes`; jetsam assumes CI does the same:
      # a setting of its own, nil until set, that wins over timeout_in_minutes.
      ci.timeout = nil
      # Not in the tables; the docs' CI pages and `jets ci:init`'s ci.rb set them: nil = unset
      # (Jets then uses the repo's default branch, its managed buildspec.yml, no triggers).
      ci.buildspec = nil
      ci.properties = nil
      ci.source_version = nil
      ci.triggers = nil
    end
  end
end
