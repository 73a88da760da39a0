# Jets.deploy's other settings: package_type, waf, alb, events, prewarm, release, runtime and
# scheduler (reference/config/deploy/{waf,alb/*,events,prewarm,release,runtime,scheduler}.md).
module Jetsam
  module Defaults
    def self.deploy_services(config)
      # Not in the tables: the docs' package type page and Jets' `jets init` template
      # ("default: image IE: image or zip").
      config.package_type = "image"
      deploy_waf(config)
      deploy_alb(config)
      deploy_events(config)

      config.prewarm = Options.new
      config.prewarm.cron = nil
      config.prewarm.enable = true
      config.prewarm.memory = 1024
      # Not in the tables: the docs' logging page sets it to false to see prewarm requests in
      # the logs, so Jets keeps them quiet by default (jetsam's inference).
      config.prewarm.quiet = true
      config.prewarm.rate = "1m"
      config.prewarm.reserved_concurrency = 2
      config.prewarm.threads = 2
      config.prewarm.timeout = "5m"

      config.release = Options.new
      config.release.phase = Options.new
      config.release.phase.command = nil

      config.runtime = Options.new
      config.runtime.ruby = "3.2"

      config.scheduler = Options.new
      config.scheduler.enable = true
      config.scheduler.translate = Options.new
      config.scheduler.translate.on_deploy = true
    end

    def self.deploy_waf(config)
      waf = Options.new
      config.waf = waf
      waf.block_ips = Options.new
      waf.block_ips.enable = false
      waf.block_ips.list = []
      waf.custom_rules = Options.new
      waf.custom_rules.blanket_rate_limiter = waf_rate_limiter(true, 1000)
      waf.custom_rules.uri_rate_limiter = waf_rate_limiter(false, 100)
      waf.custom_rules.uri_rate_limiter.logical_statement = "Or"
      waf.custom_rules.uri_rate_limiter.paths = ["/"]
      waf.custom_rules.uri_rate_limiter.string_match_condition = "STARTS_WITH"
      # The table says "see desc"; the docs' WAF default rules page names these two AWS managed
      # rule groups (the third default rule is custom_rules.blanket_rate_limiter).
      waf.default_rules = %w[AWSManagedRulesAmazonIpReputationList AWSManagedRulesKnownBadInputsRuleSet]
      # Also set as a Boolean in the docs (`config.waf.logging = true`), which replaces this node.
      waf.logging = Options.new
      waf.logging.enable = false
      waf.monitoring = false
      waf.name = "#{Jets.env}" # the table: Jets.env
      waf.properties = {}
      waf.rules = []
    end

    def self.waf_rate_limiter(enable, limit)
      rule = Options.new
      rule.action = "Block"
      rule.aggregate_key_type = "IP"
      rule.enable = enable
      rule.evaluation_window_sec = 300
      rule.limit = limit
      rule
    end

    def self.deploy_alb(config)
      alb = Options.new
      config.alb = alb
      alb.enable = false
      alb.existing = Options.new
      alb.existing.dns_name = nil
      alb.existing.target_group = nil
      alb.listener = Options.new
      alb.listener.port = 80
      alb.load_balancer = Options.new
      alb.load_balancer.load_balancer_attributes = []
      alb.load_balancer.security_groups = []
      # nil: the default VPC's subnets.
      alb.load_balancer.subnets = nil
      alb.redirect = Options.new
      alb.redirect.enable = :auto
      alb.redirect.port = 443
      alb.redirect.protocol = "HTTPS"
      alb.redirect.status_code = 302
      alb.route53 = Options.new
      alb.route53.domain = nil
      alb.route53.hosted_zone_id = nil
      alb.route53.hosted_zone_name = nil
      alb.route53.name = nil
      alb.route53.ttl = 60
      alb.route53.type = "CNAME"
      alb.security_group = Options.new
      alb.security_group.enable = true
      alb.security_group.security_group_egress = nil
      alb.security_group.security_group_ingress = nil
      alb.security_group.vpc_id = nil
      alb.ssl = Options.new
      # The table's default column shows "/" (a copy slip, not a value): nil until set.
      alb.ssl.certs = nil
      alb.ssl.enable = false
      alb.ssl.port = 443
      alb.target_group = Options.new
      alb.target_group.health_check_interval_seconds = 30
      alb.target_group.health_check_path = "/"
      alb.target_group.healthy_threshold_count = 5
      alb.target_group.unhealthy_threshold_count = 3
    end

    def self.deploy_events(config)
      config.events = Options.new
      config.events.dynamodb = Options.new
      config.events.dynamodb.table_namespace = true
      config.events.dynamodb.table_namespace_separator = "_"
      config.events.s3 = Options.new
      config.events.s3.configure_bucket = true
      config.events.s3.notification_configuration = nil

      # Not in the tables: the docs' S3 event page configures s3_event.* ("true by default"). Kept
      # beside events.s3.*: which one Jets reads is not public.
      config.s3_event = Options.new
      config.s3_event.configure_bucket = true
      config.s3_event.notification_configuration = nil
    end
  end
end
