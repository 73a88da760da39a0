# The scripting API (jetsam run, jetsam repl): the Ruby half. The natives (host/script/api_*.cc)
# do the work; this file gives them Ruby's keyword arguments and the conveniences that read
# better in Ruby. Every answer is plain Ruby data: Hashes with String keys, Arrays, Strings,
# Integers, true, false and nil, as JSON.parse would give them.
module Jetsam
  # The natives (host/script/api_*.cc) are defined here by the host.
  module Native; end

  class Error < StandardError; end

  # A project's config files could not be evaluated or compiled. The message names the
  # project's file:line; #dir, #file, #line and #hint give the parts.
  class ProjectError < Error
    attr_reader :dir, :file, :line, :hint
  end

  # A directory this script may not read: only the current checkout and the directories given
  # with --allow-read are.
  class NotAllowed < Error; end

  # Loads the checkout at `dir` (the current directory, or one given with --allow-read).
  def self.load(dir = ".", env: nil, extra: nil, facts: nil)
    Native.load(dir, env, extra, facts)
  end

  # The IAM actions a pattern such as "s3:Get*" grants:
  # {"pattern", "counts" => {"List" => 0, ...}, "actions" => [{"action", "access_level"}, ...]}.
  def self.expand(pattern)
    Native.expand(pattern)
  end

  # The actions a pattern names ("s3:Get*" -> ["s3:GetObject", ...]); [] when it names none.
  def self.actions_of(pattern)
    return [pattern] unless pattern.include?("*") || pattern.include?("?")
    Native.expand(pattern)["actions"].map { |a| a["action"] }
  rescue ArgumentError
    []
  end

  # What b grants that a does not and the reverse, role by role, in the shape of
  # `jetsam diff --format json`.
  def self.diff(a, b)
    Native.diff(a, b)
  end

  # The directories Jetsam.load may read, as given.
  def self.readable
    Native.readable
  end

  def self.version
    Native.version
  end

  # jetsam repl's `project`: the checkout at `dir`, or nil after saying why it cannot be loaded.
  def self.repl_project(dir)
    project = load(dir)
    $stderr.puts "project: #{project.label}"
    project
  rescue Error => e
    $stderr.puts "#{e.class}: #{e.message}"
    nil
  end

  class Project
    # The same checkout with more configure code applied after its own files, or with another
    # env, extra or facts; the original is untouched. project:, bootstrap: and deploy: take the
    # body of a `Jets.<object>.configure` block as a Proc literal of this script or a String of
    # Ruby, or an Array of them.
    def with(env: nil, extra: nil, facts: nil, project: nil, bootstrap: nil, deploy: nil)
      Native.with(self, env, extra, facts, project, bootstrap, deploy)
    end

    # The three roles Jets deploys, as Jetsam::Role.
    def roles
      %w[codebuild lambda ci].map { |kind| role(kind) }
    end

    # The deploy user's policy in one scope (baseline, least, local or tailored), as a Role.
    def deploy_user(scope = "tailored", prefix: nil)
      Native.deploy_user(self, scope.to_s, prefix)
    end

    # Every setting with its value and origins, as `jetsam settings` prints them:
    # {"project" => {path => {"value", "origin", "default", "history", "item_origins"}}, "bootstrap" => ..., "deploy" => ...}.
    def settings(changed: false)
      __settings(changed)
    end

    # A setting's value ("codebuild.iam.default_policy", or with its object first:
    # "bootstrap.codebuild.iam.default_policy"); nil when there is no such setting.
    def value(path)
      found = setting(path)
      found && found["value"]
    end

    def diff(other)
      Jetsam.diff(self, other)
    end

    def to_s
      label
    end

    def inspect
      "#<Jetsam::Project #{label}>"
    end
  end

  class Role
    # Whether the role may do `action` (on `resource`, an ARN; on some resource when nil)
    # without a condition. #can gives the whole answer with its deciding statements.
    def can?(action, resource = nil)
      can(action, resource)["decision"] == "allowed"
    end

    # What its unconditional inline Allow statements grant, as [action, resource] pairs: each
    # action (wildcards expanded with the IAM reference) on each of the statement's resources that
    # the action can act on. setting: only the statements of that setting ("codebuild.iam.policy").
    def grants(setting: nil)
      pairs = []
      statements.each do |s|
        next if setting && s["setting"] != setting
        st = s["statement"]
        next unless st["Effect"] == "Allow" && st["Condition"].nil? && st["Action"]
        actions = Array(st["Action"]).flat_map { |pattern| Jetsam.actions_of(pattern) }
        Array(st["Resource"]).each do |resource|
          actions.each { |action| pairs << [action, resource] if acts_on?(action, resource) }
        end
      end
      pairs.uniq
    end

    # The [action, resource] pairs of `pairs` that this role may not do unconditionally.
    def lacks(pairs)
      pairs.reject { |action, resource| can?(action, resource) }
    end

    # Whether the IAM reference knows `action` and lets it act on `resource`.
    def acts_on?(action, resource)
      can(action, resource)
      true
    rescue ArgumentError
      false
    end

    # The services its inline Allow statements name ("s3", "logs", ...; "*" for a bare "*").
    def services
      actions.map { |action| action.split(":").first.downcase }.uniq.sort
    end

    # The actions with a wildcard ("s3:*", "ec2:Describe*").
    def wildcards
      actions.select { |action| action.include?("*") }
    end

    def to_s
      name
    end

    def inspect
      "#<Jetsam::Role #{name} of #{project.label}>"
    end
  end
end
