# A standing review of a checkout's roles, written with Ruby's own libraries: the team's policy
# as YAML (the services each role may reach, and each role's fingerprint when it was last
# reviewed), a fingerprint of each role's statements with Digest, the services compared as Sets,
# and the next review's date with Date. A role whose fingerprint changed since the review, or
# that reaches a service the policy does not accept, needs a look.
#
#   jetsam run --allow-read samples/demo --facts samples/facts.yml samples/experiments/review.rb [DIR [REVIEWED_ON]]

dir = ARGV[0] || "samples/demo"
reviewed_on = Date.parse(ARGV[1] || "2026-11-02")

POLICY = YAML.load(<<~YAML)
  review_every_days: 90
  roles:
    CodebuildRole:
      fingerprint: a576d9c00961c1c5
      services: [apigateway, cloudformation, cloudfront, codebuild, dynamodb, ecr, ecr-public,
                 events, iam, lambda, logs, route53, s3, secretsmanager, sns, sqs, sts]
    IamRole:
      fingerprint: "1f0e4d2a9b3c5e77"  # the statements before the SES grant was added
      services: [cloudformation, dynamodb, logs, s3, sqs]
    CiRole:
      fingerprint: 406f987829a054e4
      services: [cloudformation, codebuild, ecr, ecr-public, iam, logs, s3, sts]
YAML

project = Jetsam.load(dir)
next_review = reviewed_on + POLICY["review_every_days"]
puts "#{project.label}: reviewed on #{reviewed_on}, next review by #{next_review} (#{next_review.strftime('%A')})"
project.roles.each do |role|
  accepted = POLICY["roles"].fetch(role.name, {})
  fingerprint = Digest::SHA256.hexdigest(JSON.generate(role.statements))[0, 16]
  reached = Set.new(role.services)
  extra = reached - Set.new(accepted.fetch("services", []))
  changed = fingerprint != accepted["fingerprint"].to_s
  verdict = changed || !extra.empty? ? "needs a look" : "as reviewed"
  puts
  puts "#{role.name}: #{verdict}"
  puts "  fingerprint #{fingerprint}#{changed ? " (reviewed: #{accepted['fingerprint'] || 'never'})" : ''}"
  puts "  #{reached.size} services, #{role.actions.size} action patterns"
  puts "  not accepted: #{extra.to_a.sort.join(', ')}" unless extra.empty?
end
