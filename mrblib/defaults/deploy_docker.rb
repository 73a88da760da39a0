# Jets.deploy's Docker build settings: docker.*, dockerfile.*, ecr.* (reference/config/deploy/
# docker.md, dockerfile.md, ecr.md).
module Jetsam
  module Defaults
    def self.deploy_docker(config)
      docker = config.docker = Options.new
      docker.image = nil
      docker.show_build_command = false
      docker.tag = ":FRIENDLY_TAG-:TIMESTAMP-:GIT_SHA"

      df = Options.new
      config.dockerfile = df
      df.add_deploy_user = true
      apt = df.apt = Options.new
      apt.packages = docker_stage_packages
      df.auto_packages = true
      build_args = df.build_args = Options.new
      build_args.at_top = nil
      build_args.build_stage = nil
      build_args.deployment_stage = nil
      build_args.enable_aws_creds = true
      commands = df.commands = Options.new
      # The table: `bundle exec bootsnap precompile app/ lib/` for Rails, else nil. jetsam does not
      # know the framework: nil.
      commands.bootsnap = nil
      df.copy_for_bundle = nil
      df.custom = false
      gemfile = df.gemfile = Options.new
      gemfile.force_ruby_platform = false
      image_package = df.image_package = Options.new
      image_package.from_base = docker_from_base("ruby", "slim")
      image_package.normalize_permissions = true
      install = df.install = Options.new
      install.awscli = true
      # Not in the tables: Jets' own `jets init` template writes dockerfile.packages.apt.* (the
      # docs write dockerfile.apt.packages.*). Kept apart: which one Jets reads is not public.
      df_packages = df.packages = Options.new
      df_packages.apt = docker_stage_packages
      df_packages.yum = docker_stage_packages
      yum = df.yum = Options.new
      yum.packages = docker_stage_packages
      zip_package = df.zip_package = Options.new
      zip_package.from_base = docker_from_base("public.ecr.aws/lambda/ruby", nil)

      ecr = config.ecr = Options.new
      repository = ecr.repository = Options.new
      repository.properties = {}
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
