# Jets.deploy's defaults. Jets 6 defines them in its closed remote runner; these follow the docs'
# reference tables (rubyonjets/jets-docs _includes/reference/config/deploy/*) and seed 004.
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
      config.lambda.function = Options.new
      config.lambda.function.timeout = 30
      config.lambda.function.memory_size = 1536
      config.lambda.function.properties = {}
      config.lambda.function.provisioned_concurrency = nil
      config.lambda.function.reserved_concurrency = 5
      config.lambda.function.vpc_config = nil
      # Not in the tables; the docs set them (shorthands for properties, like timeout): nil = unset.
      config.lambda.function.environment = nil
      config.lambda.function.logging_config = nil
      config.lambda.function.runtime = nil
      config.lambda.controller = Options.new
      config.lambda.controller.enable = true
      config.lambda.controller.timeout = 30
      config.lambda.controller.memory_size = 1536
      config.lambda.controller.properties = {}
      config.lambda.controller.provisioned_concurrency = nil
      config.lambda.controller.reserved_concurrency = 25
      config.lambda.layers = []

      config.lambda.iam = Options.new
      config.lambda.iam.policy = []
      config.lambda.iam.managed_policy = []
      config.lambda.iam.default_policy = lambda_iam_default_policy
      config.lambda.iam.default_managed_policy = []
      config.lambda.iam.default_vpc_policy = %w[
        ec2:CreateNetworkInterface ec2:DeleteNetworkInterface ec2:DescribeNetworkInterfaces
        ec2:DescribeVpcs ec2:DescribeSubnets ec2:DescribeSecurityGroups
      ]

      # The Lambda Function URL of the controller, and the CloudFront distribution in front of it
      # (the table is reference/config/deploy/lambda/cloudfront.md with config_path="lambda.url").
      config.lambda.url = Options.new
      config.lambda.url.enable = true
      config.lambda.url.cloudfront = cloudfront_options(:lambda_url)
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
    rescue Jetsam::ConfigError
      "<project.name>"
    end

    def self.deploy_job(config)
      config.job = Options.new
      config.job.enable = false
      config.job.additional_queues = []
      config.job.default_queue = Options.new
      config.job.default_queue.lambda = Options.new
      config.job.default_queue.lambda.reserved_concurrency = 5
      config.job.default_queue.properties = {}
      config.job.queue_defaults = Options.new
      config.job.queue_defaults.lambda = Options.new
      config.job.queue_defaults.lambda.memory_size = 1536
      config.job.queue_defaults.lambda.properties = {}
      config.job.queue_defaults.lambda.reserved_concurrency = 5
      config.job.queue_defaults.lambda.timeout = 900
      config.job.queue_defaults.properties = {}
      # One entry per queue name, made when first named: `config.job.queues.urgent.lambda.timeout`.
      config.job.queues = Options.new.__vivify! { |name| job_queue(name) }
    end

    # job.queues.NAME: every setting nil, which means "as job.queue_defaults" (jetsam's reading
    # of the table, whose NAME rows show the queue_defaults values as examples). The table names
    # NAME.memory_size and NAME.reserved_concurrency; the docs' examples use NAME.lambda.*.
    def self.job_queue(_name)
      queue = Options.new
      queue.lambda = Options.new
      queue.lambda.memory_size = nil
      queue.lambda.properties = nil
      queue.lambda.reserved_concurrency = nil
      queue.lambda.timeout = nil
      queue.memory_size = nil
      queue.properties = nil
      queue.reserved_concurrency = nil
      queue
    end

    def self.deploy_ci(config)
      config.ci = Options.new
      config.ci.env = Options.new
      config.ci.env.vars = {}
      config.ci.iam = Options.new
      config.ci.iam.policy = []
      config.ci.iam.managed_policy = []
      config.ci.iam.default_policy = %w[cloudformation codebuild ecr ecr-public iam logs s3]
      config.ci.iam.default_managed_policy = %w[AmazonSSMReadOnlyAccess AWSLambda_ReadOnlyAccess]
      config.ci.project = Options.new
      config.ci.project.properties = {}
      config.ci.schedule = Options.new
      config.ci.schedule.cron = nil
      config.ci.schedule.enable = false
      config.ci.schedule.expression = nil
      config.ci.schedule.rate = nil
      config.ci.source = {}
      # The table says 60; the docs' CI timeout page says 30. The table's value is kept.
      config.ci.timeout_in_minutes = 60
      # The docs' shorthand ("`ci.timeout` also works"). Jets' open code reads the CodeBuild
      # runner's shorthand as `timeout || timeout_in_minutes`; jetsam assumes CI does the same:
      # a setting of its own, nil until set, that wins over timeout_in_minutes.
      config.ci.timeout = nil
      # Not in the tables; the docs' CI pages and `jets ci:init`'s ci.rb set them: nil = unset
      # (Jets then uses the repo's default branch, its managed buildspec.yml, no triggers).
      config.ci.buildspec = nil
      config.ci.properties = nil
      config.ci.source_version = nil
      config.ci.triggers = nil
    end
  end
end
