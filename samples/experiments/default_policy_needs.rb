# Which services of the CodeBuild remote runner's default policy does this project need?
#
# The remote runner is what runs `jets deploy` in CodeBuild, so it needs what deploying the
# project needs: the deploy user's `tailored` policy, which jetsam derives from the project's own
# settings. Each item of codebuild.iam.default_policy is removed in turn (a variant of the
# project; the project itself is untouched) and the runner's role is asked, action by action and
# resource by resource, whether it can still do everything deploying needs.
#
#   jetsam run --allow-read samples/demo --facts samples/facts.yml samples/experiments/default_policy_needs.rb

dir = ARGV[0] || "samples/demo"
project = Jetsam.load(dir)

# What deploying needs, as [action, resource] pairs: each action of the tailored policy
# (wildcards expanded) on each of its resources.
needs = project.deploy_user("tailored").grants

defaults = project.value("codebuild.iam.default_policy")
puts "#{project.label}: #{defaults.size} items in codebuild.iam.default_policy"
puts "deploying needs #{needs.size} action-resource pairs (the deploy user's tailored policy)"
unless (gap = project.role("codebuild").lacks(needs).first).nil?
  puts "the runner cannot deploy even with every default: #{gap[0]} on #{gap[1]}"
  exit 1
end
puts

needed = []
puts format("%-28s %-7s %s", "item", "needed", "first thing the runner could no longer do")
defaults.each do |item|
  variant = project.with(bootstrap: proc { config.codebuild.iam.default_policy -= [item] })
  gap = variant.role("codebuild").lacks(needs).first
  needed << item if gap
  puts format("%-28s %-7s %s", item, gap ? "yes" : "no", gap ? "#{gap[0]} on #{gap[1]}" : "").rstrip
end

puts
puts "needed:     #{needed.join(' ')}"
puts "not needed: #{(defaults - needed).join(' ')}"
