# Jets.deploy's defaults. Jets 6 defines them in its closed remote runner; these follow the docs'
# reference tables (rubyonjets/jets-docs _includes/reference/config/deploy/*) and seed 004.
module Jetsam
  module Defaults
    def self.deploy(config)
      deploy_lambda(config)
      deploy_job(config)
      deploy_ci(config)
    end

    def self.deploy_lambda(config)
      config.lambda = Options.new
      config.lambda.function = Options.new
      config.lambda.function.timeout = 30
      config.lambda.function.memory_size = 1536
      config.lambda.function.properties = {}
      config.lambda.function.vpc_config = nil
      config.lambda.controller = Options.new
      config.lambda.controller.enable = true
      config.lambda.controller.timeout = 30
      config.lambda.controller.memory_size = 1536
      config.lambda.controller.properties = {}
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
    end

    # The application role's baseline: its own log groups, the Jets bucket, its own stacks.
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
      config.job.queues = Options.new.__open!
    end

    def self.deploy_ci(config)
      config.ci = Options.new
      config.ci.iam = Options.new
      config.ci.iam.policy = []
      config.ci.iam.managed_policy = []
      config.ci.iam.default_policy = %w[cloudformation codebuild ecr ecr-public iam logs s3]
      config.ci.iam.default_managed_policy = %w[AmazonSSMReadOnlyAccess AWSLambda_ReadOnlyAccess]
    end
  end
end
