# The smallest codebuild.iam.default_policy that still grants everything the CodeBuild role must:
# what deploying the project needs (the deploy user's tailored policy) and everything the
# project's own codebuild.iam.policy grants. The project's own policy and managed policies stay
# in place and count. Items are dropped one at a time, kept out when nothing is lost, and the
# result is checked again as a whole and shown as the line to put in config/jets/bootstrap.rb.
#
#   jetsam run --allow-read samples/demo --facts samples/facts.yml samples/experiments/smallest_default_policy.rb [DIR]

dir = ARGV[0] || "samples/demo"
project = Jetsam.load(dir)
runner = project.role("codebuild")

own_grants = runner.grants(setting: "codebuild.iam.policy")
required = (project.deploy_user("tailored").grants + own_grants).uniq
puts "#{project.label}: the CodeBuild role must grant #{required.size} action-resource pairs"
puts "(deploying: the deploy user's tailored policy; the project's own codebuild.iam.policy: #{own_grants.size})"

defaults = project.value("codebuild.iam.default_policy")
lost = runner.lacks(required)
unless lost.empty?
  puts "even the full default policy lacks #{lost.size}, e.g. #{lost[0].join(' on ')}"
  exit 1
end

kept = defaults
defaults.each do |item|
  candidate = kept - [item]
  variant = project.with(bootstrap: proc { config.codebuild.iam.default_policy = candidate })
  kept = candidate if variant.role("codebuild").lacks(required).empty?
end

smallest = project.with(bootstrap: proc { config.codebuild.iam.default_policy = kept })
lost = smallest.role("codebuild").lacks(required)
puts
puts "smallest default policy: #{kept.size} of #{defaults.size} items; checked again: #{lost.empty? ? 'nothing lost' : "#{lost.size} lost"}"
puts "  config.codebuild.iam.default_policy = %w[#{kept.join(' ')}]"
puts "dropped: #{(defaults - kept).join(' ')}"

before = runner.access_levels
after = smallest.role("codebuild").access_levels
puts
puts "actions the CodeBuild role grants, by access level (default policy, own policy and managed policies)"
before.each_key { |level| puts format("  %-24s %6d -> %d", level, before[level], after[level]) }
