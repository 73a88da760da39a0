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

      prewarm = config.prewarm = Options.new
      prewarm.cron = nil
      prewarm.enable = true
      prewarm.memory = 1024
      # Not in the tables: the docs' logging page sets it to false to see prewarm requests in
      # the logs, so Jets keeps them quiet by default (jetsam's inference).
      prewarm.quiet = true
      prewarm.rate = "1m"
      prewarm.reserved_concurrency = 2
      prewarm.threads = 2
      prewarm.timeout = "5m"

      release = config.release = Options.new
      phase = release.phase = Options.new
      phase.command = nil

      runtime = config.runtime = Options.new
      runtime.ruby = "3.2"

      scheduler = config.scheduler = Options.new
      scheduler.enable = true
      translate = scheduler.translate = Options.new
      translate.on_deploy = true
    end

    def self.deploy_waf(config)
      waf = Options.new
      config.waf = waf
      block_ips = waf.block_ips = Options.new
      block_ips.enable = false
      block_ips.list = []
      custom_rules = waf.custom_rules = Options.new
      custom_rules.blanket_rate_limiter = waf_rate_limiter(true, 1000)
      custom_rules.uri_rate_limiter = waf_rate_limiter(false, 100)
      custom_rules.uri_rate_limiter.logical_statement = "Or"
      custom_rules.uri_rate_limiter.paths = ["/"]
      custom_rules.uri_rate_limiter.string_match_condition = "STARTS_WITH"
      # The table says "see desc"; the docs' WAF default rules page names these two AWS managed
      # rule groups (the third default rule is custom_rules.blanket_rate_limiter).
      waf.default_rules = %w[AWSManagedRulesAmazonIpReputationList AWSManagedRulesKnownBadInputsRuleSet]
      # Also set as a Boolean in the docs (`config.waf.logging = true`), which replaces this node.
      logging = waf.logging = Options.new
      logging.enable = false
      waf.monitoring = false
      waf.name = nil # Jets.env's: deploy_inputs
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
      existing = alb.existing = Options.new
      existing.dns_name = nil
      existing.target_group = nil
      listener = alb.listener = Options.new
      listener.port = 80
      load_balancer = alb.load_balancer = Options.new
      load_balancer.load_balancer_attributes = []
      load_balancer.security_groups = []
      # nil: the default VPC's subnets.
      load_balancer.subnets = nil
      redirect = alb.redirect = Options.new
      redirect.enable = :auto
      redirect.port = 443
      redirect.protocol = "HTTPS"
      redirect.status_code = 302
      route53 = alb.route53 = Options.new
      route53.domain = nil
      route53.hosted_zone_id = nil
      route53.hosted_zone_name = nil
      route53.name = nil
      route53.ttl = 60
      route53.type = "CNAME"
      security_group = alb.security_group = Options.new
      security_group.enable = true
      security_group.security_group_egress = nil
      security_group.security_group_ingress = nil
      security_group.vpc_id = nil
      ssl = alb.ssl = Options.new
      # The table's default column shows "/" (a copy slip, not a value): nil until set.
      ssl.certs = nil
      ssl.enable = false
      ssl.port = 443
      target_group = alb.target_group = Options.new
      target_group.health_check_interval_seconds = 30
      target_group.health_check_path = "/"
      target_group.healthy_threshold_count = 5
      target_group.unhealthy_threshold_count = 3
    end

    def self.deploy_events(config)
      events = config.events = Options.new
      dynamodb = events.dynamodb = Options.new
      dynamodb.table_namespace = true
      dynamodb.table_namespace_separator = "_"
      s3 = events.s3 = Options.new
      s3.configure_bucket = true
      s3.notification_configuration = nil

      # Not in the tables: the docs' S3 event page configures s3_event.* ("true by default"). Kept
      # beside events.s3.*: which one Jets reads is not public.
      s3_event = config.s3_event = Options.new
      s3_event.configure_bucket = true
      s3_event.notification_configuration = nil
    end
  end
end
