# require, require_relative and load. What Jets' process has loaded when a config runs (its
# standard library and ActiveSupport) is here already: requiring it does nothing else. Another
# gem is not here: the require fails and says what to do, unless --allow-require names it.
# require_relative and load run a Ruby file of the checkout's config/ in this same sandbox
# (Host.load_ruby: the host read it before the evaluation), with origins in that file.
module Jetsam
  # Names jetsam provides, and the prefixes whose every file it provides.
  PROVIDED = %w[
    json json/ext json/add/core set time date securerandom yaml psych erb pathname base64 cgi
    cgi/util ostruct shellwords forwardable singleton English rbconfig pp prettyprint fileutils
    logger active_support active_support/all active_support/core_ext jets jets/core dotenv
    digest digest/md5 digest/sha1 digest/sha2
  ].freeze
  PROVIDED_PREFIXES = %w[active_support/ jets/].freeze
  # Ruby's libraries for the network and processes: a config has neither here.
  REFUSED = %w[socket net/http net/https open-uri openssl open3 pty etc io/console].freeze
  LOADED = []

  def self.provided?(name)
    PROVIDED.include?(name) || PROVIDED_PREFIXES.any? { |prefix| name.start_with?(prefix) }
  end

  def self.require_feature(name)
    feature = Jetsam.path_arg(name)
    feature = feature[0, feature.size - 3] if feature.end_with?(".rb")
    feature = feature[0, feature.size - 3] if feature.end_with?(".so")
    if provided?(feature)
      return false if LOADED.include?(feature)
      LOADED << feature
      return true
    end
    if REFUSED.include?(feature)
      Sandbox.refuse("require #{feature.inspect}", "config files are evaluated with no access to the network or to processes")
    end
    if feature.start_with?("/") || feature.start_with?("./") || feature.start_with?("../")
      return Host.load_ruby(feature, true, "require")
    end
    gem = feature.split("/").first
    if Host.allow_require?(feature) || Host.allow_require?(gem)
      return false if LOADED.include?(feature)
      LOADED << feature
      Host.note("require-ignored", "require #{feature.inspect} ignored (--allow-require #{gem}): " \
                "the code that uses it runs without it", "")
      return false
    end
    raise ::LoadError, "require #{feature.inspect}: jetsam evaluates config files without the app's gems, so " \
      "#{gem.inspect} is not available. If the config only looks values up with it, give the answers in a " \
      "--facts file; or pass --allow-require #{gem} to skip this require (what then calls the gem fails " \
      "where it calls it)"
  end

  module ::Kernel
    def require(name)
      Jetsam.require_feature(name)
    end

    def require_relative(name)
      Host.load_ruby(Jetsam.path_arg(name), true, "require_relative")
    end

    def load(name, _wrap = false)
      Host.load_ruby(Jetsam.path_arg(name), false, "load")
    end

    def gem(_name, *_requirements)
      true
    end
  end

  # What a config sees of Ruby itself. The values are those of the Ruby that Jets runs configs
  # with on CodeBuild by default: Jets 6.0.5's codebuild.project.compute_type is
  # {ComputeType: BUILD_GENERAL1_SMALL, Image: aws/codebuild/amazonlinux2-aarch64-standard:3.0,
  # Type: ARM_CONTAINER} (lib/jets/core/config/bootstrap/codebuild.rb), an arm64 machine, not
  # x86_64; that image's Dockerfile (aws-codebuild-docker-images, al2/aarch64/standard/3.0, from
  # August 2024, before Jets 6.0.5 in December) makes rbenv's global Ruby 3.2.4, under
  # /root/.rbenv. --facts changes them (ruby: for the RUBY_* constants, rbconfig: for
  # RbConfig::CONFIG). The host defines them (runtime.cc).
  RUBY_FACTS = {
    "RUBY_VERSION" => "3.2.4",
    "RUBY_PATCHLEVEL" => 170,
    "RUBY_RELEASE_DATE" => "2024-04-23",
    "RUBY_PLATFORM" => "aarch64-linux",
    "RUBY_ENGINE" => "ruby",
    "RUBY_ENGINE_VERSION" => "3.2.4",
    "RUBY_REVISION" => "af471c0e01",
    "RUBY_COPYRIGHT" => "ruby - Copyright (C) 1993-2024 Yukihiro Matsumoto",
    "RUBY_DESCRIPTION" => "ruby 3.2.4 (2024-04-23 revision af471c0e01) [aarch64-linux]",
  }.freeze

  RBCONFIG = {
    "MAJOR" => "3", "MINOR" => "2", "TEENY" => "4", "PATCHLEVEL" => "170",
    "ruby_version" => "3.2.0", "RUBY_PROGRAM_VERSION" => "3.2.4", "RUBY_API_VERSION" => "3.2",
    "RUBY_BASE_NAME" => "ruby", "RUBY_INSTALL_NAME" => "ruby", "ruby_install_name" => "ruby",
    "RUBY_SO_NAME" => "ruby",
    "arch" => "aarch64-linux", "sitearch" => "aarch64-linux",
    "host" => "aarch64-unknown-linux-gnu", "host_os" => "linux-gnu", "host_cpu" => "aarch64",
    "host_vendor" => "unknown", "host_alias" => "",
    "target" => "aarch64-unknown-linux-gnu", "target_os" => "linux", "target_cpu" => "aarch64",
    "target_vendor" => "unknown",
    "build" => "aarch64-unknown-linux-gnu", "build_os" => "linux-gnu", "build_cpu" => "aarch64",
    "build_vendor" => "unknown",
    "prefix" => "/root/.rbenv/versions/3.2.4", "exec_prefix" => "/root/.rbenv/versions/3.2.4",
    "bindir" => "/root/.rbenv/versions/3.2.4/bin", "libdir" => "/root/.rbenv/versions/3.2.4/lib",
    "rubylibprefix" => "/root/.rbenv/versions/3.2.4/lib/ruby",
    "rubylibdir" => "/root/.rbenv/versions/3.2.4/lib/ruby/3.2.0",
    "rubyarchdir" => "/root/.rbenv/versions/3.2.4/lib/ruby/3.2.0/aarch64-linux",
    "sitedir" => "/root/.rbenv/versions/3.2.4/lib/ruby/site_ruby",
    "vendordir" => "/root/.rbenv/versions/3.2.4/lib/ruby/vendor_ruby",
    "EXEEXT" => "", "DLEXT" => "so", "SOEXT" => "so", "LIBEXT" => "a", "OBJEXT" => "o",
    "CC" => "gcc", "CPP" => "gcc -E", "SHELL" => "/bin/sh", "PATH_SEPARATOR" => ":",
    "ENABLE_SHARED" => "no", "DESTDIR" => "",
  }

  # Defined here, in the VM's image: the host changes them only for a --facts file that does.
  RUBY_FACTS.each { |name, value| Object.const_set(name, value.frozen? ? value : value.dup.freeze) }
  RBCONFIG.each_value(&:freeze)
  RBCONFIG.freeze

  module ::RbConfig
    TOPDIR = "/root/.rbenv/versions/3.2.4"
    CONFIG = RBCONFIG

    def self.ruby
      ::File.join(CONFIG["bindir"], CONFIG["ruby_install_name"] + CONFIG["EXEEXT"])
    end
  end
end
