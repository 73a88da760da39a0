# Jets.bootstrap's defaults, as Jets 6.0.5 sets them (lib/jets/core/config/bootstrap.rb and
# bootstrap/{cfn,code,codebuild,s3_bucket}.rb).
module Jetsam
  module Defaults
    def self.bootstrap(config)
      config.infra = false
      config.logger = Logger.new

      config.cfn = Options.new
      config.cfn.resource_tags = {}

      config.code = Options.new
      config.code.copy = Options.new
      config.code.copy.always_keep = ["config/jets/env"]
      config.code.copy.always_remove = ["tmp"]
      config.code.copy.strategy = "auto"
      config.code.copy.warn_large = true

      bootstrap_codebuild(config)

      config.s3_bucket = Options.new
      config.s3_bucket.cors_configuration = {
        CorsRules: [{
          AllowedHeaders: ["*"],
          AllowedMethods: ["GET"],
          AllowedOrigins: ["*"],
          ExposedHeaders: []
        }]
      }
    end

    def self.bootstrap_codebuild(config)
      config.codebuild = Options.new
      config.codebuild.project = Options.new
      config.codebuild.project.compute_type = {
        ComputeType: "BUILD_GENERAL1_SMALL",
        Image: "aws/codebuild/amazonlinux2-aarch64-standard:3.0",
        Type: "ARM_CONTAINER"
      }
      config.codebuild.project.env = Options.new
      config.codebuild.project.env.vars = {}
      config.codebuild.project.env.pass = []
      config.codebuild.project.env.default_pass = %w[
        JETS_API JETS_DOCKER_IMAGE JETS_ENV JETS_EXTRA JETS_GO_VERSION JETS_PROJECT JETS_REMOTE_VERSION JETS_RESET
      ]
      config.codebuild.project.env.block = []
      config.codebuild.project.environment = {}
      config.codebuild.project.fleet_override = ENV["JETS_CODEBUILD_FLEET_OVERRIDE"]
      config.codebuild.project.timeout_in_minutes = 60
      # Jets reads `project.timeout || project.timeout_in_minutes` (codebuild/project/ec2.rb): the
      # shorthand is project.timeout (the docs' table says codebuild.timeout, which Jets ignores).
      config.codebuild.project.timeout = nil

      config.codebuild.lambda = Options.new
      config.codebuild.lambda.enable = false
      config.codebuild.lambda.project = Options.new
      config.codebuild.lambda.project.compute_type = {
        ComputeType: "BUILD_LAMBDA_1GB",
        Image: "aws/codebuild/amazonlinux-aarch64-lambda-standard:ruby3.2",
        Type: "ARM_LAMBDA_CONTAINER"
      }

      config.codebuild.fleet = Options.new
      config.codebuild.fleet.base_capacity = 1
      config.codebuild.fleet.enable = !!ENV["JETS_CODEBUILD_FLEET_ENABLE"]

      config.codebuild.logging = Options.new
      config.codebuild.logging.final_phases = false
      config.codebuild.logging.show = "filtered"

      config.codebuild.iam = Options.new
      config.codebuild.iam.policy = []
      config.codebuild.iam.managed_policy = []
      config.codebuild.iam.default_policy = %w[
        apigateway cloudformation cloudfront codebuild dynamodb ecr ecr-public events iam lambda
        logs route53 s3 sns sqs sts:GetServiceBearerToken waf wafv2
      ]
      config.codebuild.iam.default_managed_policy = %w[AmazonSSMReadOnlyAccess AWSCertificateManagerReadOnly]
      config.codebuild.iam.default_vpc_policy = %w[ec2]
    end
  end

  # Stands in for the ActiveSupport::Logger Jets keeps in config.logger.
  class Logger
    attr_accessor :level, :formatter
    def initialize
      @level = :info
    end

    %i[debug info warn error fatal].each do |name|
      define_method(name) { |*_args| nil }
    end

    def inspect
      "#<ActiveSupport::Logger>"
    end
    alias to_s inspect
  end
end
