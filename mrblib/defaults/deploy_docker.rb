# Jets.deploy's Docker build settings: docker.*, dockerfile.*, ecr.* (reference/config/deploy/
# docker.md, dockerfile.md, ecr.md).
module Jetsam
  module Defaults
    def self.deploy_docker(config)
      config.docker = Options.new
      config.docker.image = nil
      config.docker.show_build_command = false
      config.docker.tag = ":FRIENDLY_TAG-:TIMESTAMP-:GIT_SHA"

      df = Options.new
      config.dockerfile = df
      df.add_deploy_user = true
      df.apt = Options.new
      df.apt.packages = docker_stage_packages
      df.auto_packages = true
      df.build_args = Options.new
      df.build_args.at_top = nil
      df.build_args.build_stage = nil
      df.build_args.deployment_stage = nil
      df.build_args.enable_aws_creds = true
      df.commands = Options.new
      # The table: `bundle exec bootsnap precompile app/ lib/` for Rails, else nil. jetsam does not
      # know the framework: nil.
      df.commands.bootsnap = nil
      df.copy_for_bundle = nil
      df.custom = false
      df.gemfile = Options.new
      df.gemfile.force_ruby_platform = false
      df.image_package = Options.new
      df.image_package.from_base = docker_from_base("ruby", "slim")
      df.image_package.normalize_permissions = true
      df.install = Options.new
      df.install.awscli = true
      # Not in the tables: Jets' own `jets init` template writes dockerfile.packages.apt.* (the
      # docs write dockerfile.apt.packages.*). Kept apart: which one Jets reads is not public.
      df.packages = Options.new
      df.packages.apt = docker_stage_packages
      df.packages.yum = docker_stage_packages
      df.yum = Options.new
      df.yum.packages = docker_stage_packages
      df.zip_package = Options.new
      df.zip_package.from_base = docker_from_base("public.ecr.aws/lambda/ruby", nil)

      config.ecr = Options.new
      config.ecr.repository = Options.new
      config.ecr.repository.properties = {}
    end

    def self.docker_stage_packages
      packages = Options.new
      packages.all_stages = []
      packages.build_stage = []
      packages.deployment_stage = []
      packages
    end

    # image_tag and ruby_version are detected from the project when nil.
    def self.docker_from_base(image_name, image_variant)
      base = Options.new
      base.docker_image = nil
      base.image_name = image_name
      base.image_tag = nil
      base.image_variant = image_variant
      base.ruby_version = nil
      base
    end
  end
end
