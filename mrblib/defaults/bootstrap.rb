# Jets.bootstrap's defaults, as Jets 6.0.5 sets them (lib/jets/core/config/bootstrap.rb and
# bootstrap/{cfn,code,codebuild,s3_bucket}.rb).
module Jetsam
  module Defaults
    def self.bootstrap(config)
      config.infra = false
      config.logger = Logger.new

      cfn = config.cfn = Options.new
      cfn.resource_tags = {}

      code = config.code = Options.new
      copy = code.copy = Options.new
      copy.always_keep = ["config/jets/env"]
      copy.always_remove = ["tmp"]
      copy.strategy = "auto"
      copy.warn_large = true

      bootstrap_codebuild(config)

      s3_bucket = config.s3_bucket = Options.new
      s3_bucket.cors_configuration = {
        CorsRules: [{
          AllowedHeaders: ["*"],
          AllowedMethods: ["GET"],
          AllowedOrigins: ["*"],
          ExposedHeaders: []
        }]
      }
    end

    # What Jets.bootstrap's defaults read from the evaluation's inputs, set when a config first
    # uses Jets.bootstrap; the rest is built with the VM (eval/prebuilt_defaults.h).
    def self.bootstrap_inputs(config)
      codebuild = config.codebuild
      codebuild.project.fleet_override = ENV["JETS_CODEBUILD_FLEET_OVERRIDE"]
      codebuild.fleet.enable = !!ENV["JETS_CODEBUILD_FLEET_ENABLE"]
    end

    def self.bootstrap_codebuild(config)
      codebuild = config.codebuild = Options.new
      project = codebuild.project = Options.new
      project.compute_type = {
        ComputeType: "BUILD_GENERAL1_SMALL",
        Image: "aws/codebuild/amazonlinux2-aarch64-standard:3.0",
        Type: "ARM_CONTAINER"
      }
      project_env = project.env = Options.new
      project_env.vars = {}
      project_env.pass = []
      project_env.default_pass = %w[
        JETS_API JETS_DOCKER_IMAGE JETS_ENV JETS_EXTRA JETS_GO_VERSION JETS_PROJECT JETS_REMOTE_VERSION JETS_RESET
      ]
      project_env.block = []
      project.environment = {}
      project.fleet_override = nil # ENV's: bootstrap_inputs
      project.timeout_in_minutes = 60
      # Jets reads `project.timeout || project.timeout_in_minutes` (codebuild/project/ec2.rb): the
      # shorthand is project.timeout (the docs' table says codebuild.timeout, which Jets ignores).
      project.timeout = nil

      codebuild_lambda = codebuild.lambda = Options.new
      codebuild_lambda.enable = false
      lambda_project = codebuild_lambda.project = Options.new
      lambda_project.compute_type = {
        ComputeType: "BUILD_LAMBDA_1GB",
        Image: "aws/codebuild/amazonlinux-aarch64-lambda-standard:ruby3.2",
        Type: "ARM_LAMBDA_CONTAINER"
      }

      fleet = codebuild.fleet = Options.new
      fleet.base_capacity = 1
      fleet.enable = false # ENV's: bootstrap_inputs

      logging = codebuild.logging = Options.new
      logging.final_phases = false
      logging.show = "filtered"

      iam = codebuild.iam = Options.new
      iam.policy = []
      iam.managed_policy = []
      iam.default_policy = %w[
        apigateway cloudformation cloudfront codebuild dynamodb ecr ecr-public events iam lambda
        logs route53 s3 sns sqs sts:GetServiceBearerToken waf wafv2
      ]
      iam.default_managed_policy = %w[AmazonSSMReadOnlyAccess AWSCertificateManagerReadOnly]
      iam.default_vpc_policy = %w[ec2]
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
