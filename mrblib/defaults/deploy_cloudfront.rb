# Jets.deploy's CloudFront distributions: lambda.url.cloudfront (in front of the controller's
# Function URL), assets.cloudfront and uploads.cloudfront (in front of the Jets bucket). The docs
# render one table for all three (reference/config/deploy/lambda/cloudfront.md, with config_path
# "lambda.url" or "assets"; the uploads page renders it with "assets" too).
module Jetsam
  module Defaults
    # kind: :lambda_url, :assets or :uploads
    def self.cloudfront_options(kind)
      cf = Options.new
      cf.enable = false
      # Not in the table: the docs set them. nil = Jets' conventional aliases (demo-dev.example.com,
      # demo-dev-assets0..3.example.com, demo-dev-uploads.example.com).
      cf.aliases = nil
      cert = cf.cert = Options.new
      cert.arn = nil
      cert.minimum_protocol_version = "TLSv1.2_2021"
      cert.ssl_support_method = "sni-only"

      default_cache_behavior = cf.default_cache_behavior = Options.new
      default_cache_behavior.allow_methods =
        kind == :lambda_url ? %w[HEAD DELETE POST GET OPTIONS PUT PATCH] : %w[HEAD GET]
      default_cache_behavior.properties = {}
      default_cache_behavior.viewer_protocol_policy = "redirect-to-https"
      # Not in the lambda/cloudfront table (uploads' table gives cache_policy_id); the docs'
      # CloudFront helpers page sets all three. nil = the policy Jets picks.
      default_cache_behavior.cache_policy_id =
        kind == :uploads ? Helpers::Lookups::CLOUDFRONT_MANAGED["Managed-CachingOptimized"] : nil
      default_cache_behavior.origin_request_policy_id = nil
      default_cache_behavior.response_headers_policy_id = nil
      # Not in the table: the docs' cache policy page sets it (legacy ForwardedValues).
      default_cache_behavior.forwarded_values = nil

      cf.http_version = "http2"
      cf.ipv6_enabled = true
      origin = cf.origin = Options.new
      origin.custom_origin_config = { HTTPSPort: 443, OriginProtocolPolicy: "https-only" }
      origin.properties = {}
      origin.viewer_protocol_policy = "redirect-to-https"
      cf.price_class = "PriceClass_100"
      cf.properties = {}

      route53 = cf.route53 = Options.new
      route53.comment = "Jets managed CloudFront distribution DNS record"
      route53.enable = false
      # The table: "`route53.domain` also works as a convenience" (for hosted_zone_name).
      route53.domain = nil
      route53.hosted_zone_id = nil
      route53.hosted_zone_name = nil
      route53.properties = {}
      route53.ttl = 60
      route53.use_alias = true

      cf.spread_hosts = true if kind == :assets

      # Not in the table: the docs' access logs, geo restriction and WAF pages set them.
      logging = cf.logging = Options.new
      logging.enable = false
      logging.prefix = nil
      cf.restrictions = nil
      cf.web_acl_id = nil

      if kind == :lambda_url
        # Not in the table: the docs' host and basic auth pages. The CloudFront Function that
        # forwards the host is on by default ("default: true"); basic auth is off.
        function = cf.function = Options.new
        function.enable = true
        basic_auth = function.basic_auth = Options.new
        basic_auth.enable = false
        basic_auth.credentials = nil
        basic_auth.password = nil
        # nil protects every path; [] protects none (the docs' basic auth page).
        basic_auth.protected_paths = nil
        basic_auth.username = nil
      end
      cf
    end

    def self.deploy_assets(config)
      assets = config.assets = Options.new
      # Not in the tables: the docs' Dockerfile assets page turns asset serving off with it.
      assets.enable = true
      build = assets.build = Options.new
      build.detect_local = true
      # The table says "conditional": true for Rails, false for other frameworks. jetsam does not
      # know the framework: nil.
      build.enable = nil
      nodejs = build.nodejs = Options.new
      nodejs.deployment_stage = true
      # The table says `auto` (detected from package.json); a Symbol as alb.redirect.enable's :auto.
      nodejs.enable = :auto
      nodejs.version = "20.12.1"
      # The table says "conditional": Jets' precompile_assets.sh for Rails, else nil. jetsam does
      # not know the framework: nil.
      build.precompile_command = nil
      upload = assets.upload = Options.new
      upload.cache_control = nil
      upload.enable = true
      upload.folders = ["public"]
      upload.max_age = 3600
      assets.cloudfront = cloudfront_options(:assets)
    end

    def self.deploy_uploads(config)
      uploads = config.uploads = Options.new
      uploads.cloudfront = cloudfront_options(:uploads)
    end
  end
end
