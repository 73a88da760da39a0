# The helpers config files call. Every AWS look-up is answered offline from the host's facts
# (--region, --account, --s3-bucket, --facts, the environment, config/jets/info.yml); an
# unanswered one gives a visible placeholder like "<vpc_id:prod>" and the host reports it as a
# notice at the config line that asked (Host.lookup).
module Jetsam
  module Helpers
    module Ssm
      # Convention.ssm_env in Jets 6.0.5: the env itself when dotenv.ssm.envs.unique is nil, :all
      # or lists it, else envs.fallback; with dotenv.ssm.long_env_helper, dev, prod and stag read
      # as development, production and staging (long_env_name does that for the .env files' SSM
      # values, not here).
      def ssm_env
        ssm = Jets.project.config.dotenv.ssm
        env = Jets.env.to_s
        unique = ssm.envs.unique
        resolved = unique.nil? || unique == :all || unique.include?(env) ? env : ssm.envs.fallback
        return resolved unless ssm.long_env_helper
        case resolved.to_s
        when "dev" then "development"
        when "prod" then "production"
        when "stag" then "staging"
        else resolved
        end
      end
    end

    module Lookups
      # CloudFront managed policies Jets knows without an AWS call (their ids are public and fixed).
      CLOUDFRONT_MANAGED = {
        "Managed-CachingOptimized" => "658327ea-f89d-4fab-a63d-7e88639e58f6",
        "Managed-CachingDisabled" => "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
        "Managed-CORS-S3Origin" => "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf",
        "Managed-AllViewer" => "216adef6-5c7f-47e4-b989-5492eafa07d3",
        "Managed-AllViewerExceptHostHeader" => "b689b0a8-53d0-40ab-baf2-68738e2966ac",
        "Managed-SimpleCORS" => "60669652-455b-4ae9-85a4-c4c02393f86c",
      }.each_value(&:freeze).freeze

      def acm_cert_arn(positional = nil, domain: nil, region: nil, tag: nil, sans: nil)
        unless positional.nil?
          raise ArgumentError, "acm_cert_arn: give the domain once, as domain: or first" unless domain.nil?
          # Jets' docs show both acm_cert_arn("example.com", ...) and acm_cert_arn(domain: ...).
          Host.notice("acm-cert-positional", "acm_cert_arn(#{positional.inspect}): the domain given first, " \
            "taken as domain: #{positional.inspect} (the Jets docs also write acm_cert_arn(domain: ...))")
          domain = positional
        end
        raise ArgumentError, "acm_cert_arn: the domain: option is required" if domain.nil?
        Host.lookup("acm_cert_arn", domain.to_s)
      end

      def web_acl_arn(name, **_options) # options: scope: "CLOUDFRONT" (the default) or "REGIONAL"
        Host.lookup("web_acl_arn", name.to_s)
      end

      def vpc_id(name = nil, **filter)
        key = name || Array(filter[:values]).join(",")
        Host.lookup("vpc_id", key.to_s)
      end

      def vpc(name)
        { vpc_id: vpc_id(name) }
      end

      def subnet_ids(*names)
        names.flatten.map { |name| Host.lookup("subnet_ids", name.to_s) }
      end

      def subnets(*names)
        subnet_ids(*names).map { |id| { subnet_id: id } }
      end

      def security_group_ids(*names, vpc_id: nil)
        names.flatten.map { |name| Host.lookup("security_group_ids", name.to_s) }
      end

      def security_group(*names)
        security_group_ids(*names).map { |id| { group_id: id } }
      end

      def default_vpc_id
        Host.lookup("default_vpc_id", nil)
      end

      def default_vpc
        { vpc_id: default_vpc_id }
      end

      def default_vpc_cidr
        Host.lookup("default_vpc_cidr", nil)
      end

      def default_subnet_ids
        value = Host.lookup("default_subnet_ids", nil)
        value.is_a?(Array) ? value : [value]
      end

      def default_subnets
        default_subnet_ids.map { |id| { subnet_id: id } }
      end

      def default_security_group_id
        Host.lookup("default_security_group_id", nil)
      end

      def key_pair_names(filter_expression = nil)
        value = Host.lookup("key_pair_names", filter_expression)
        value.is_a?(Array) ? value : [value]
      end

      def key_pairs(filter_expression = nil)
        key_pair_names(filter_expression).map { |name| { key_name: name } }
      end

      def cloudfront_cache_policy_id(name)
        CLOUDFRONT_MANAGED[name.to_s] || Host.lookup("cloudfront_cache_policy_id", name.to_s)
      end

      def cloudfront_origin_request_policy_id(name)
        CLOUDFRONT_MANAGED[name.to_s] || Host.lookup("cloudfront_origin_request_policy_id", name.to_s)
      end

      def cloudfront_response_header_policy_id(name)
        CLOUDFRONT_MANAGED[name.to_s] || Host.lookup("cloudfront_response_header_policy_id", name.to_s)
      end
    end
  end
end
