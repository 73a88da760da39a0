# Several Jets checkouts side by side: per role, how many services it reaches, its wildcard
# actions and managed policies; per checkout, its lint findings. Give the checkouts as arguments,
# each also with --allow-read (the script may read nothing else).
#
#   jetsam run --allow-read ../app-a --allow-read ../app-b samples/experiments/fleet.rb ../app-a ../app-b

if ARGV.empty?
  warn "usage: jetsam run --allow-read DIR... samples/experiments/fleet.rb DIR..."
  exit 2
end

checkouts = [] # {label:, error:, findings:, roles: [Jetsam::Role]}
rules = Hash.new(0)
ARGV.each do |dir|
  begin
    project = Jetsam.load(dir)
  rescue Jetsam::ProjectError => e
    checkouts << {label: dir, error: e.message}
    next
  end
  findings = project.lint
  findings.each { |f| rules[f["rule"]] += 1 unless f["severity"] == "info" }
  checkouts << {label: project.label, findings: findings, roles: project.roles}
end

puts format("%-40s %8s %9s %7s   %s", "checkout / role", "services", "wildcards", "managed", "lint: errors warnings infos")
checkouts.each do |c|
  if c[:error]
    puts "#{c[:label]}: cannot be evaluated: #{c[:error]}"
    next
  end
  count = ->(severity) { c[:findings].count { |f| f["severity"] == severity } }
  puts format("%-40s %26s   %d %d %d", c[:label], "", count.call("error"), count.call("warning"), count.call("info"))
  c[:roles].each do |role|
    puts format("  %-38s %8d %9d %7d", role.name, role.services.size, role.wildcards.size, role.managed_policies.size)
  end
end

puts
puts "wildcard actions"
checkouts.each do |c|
  next if c[:error]
  puts c[:label]
  c[:roles].each { |role| puts "  #{role.name}: #{role.wildcards.empty? ? '(none)' : role.wildcards.join(' ')}" }
end

puts
if rules.empty?
  puts "no errors or warnings"
else
  puts "errors and warnings by rule"
  rules.sort_by { |rule, n| [-n, rule] }.each { |rule, n| puts format("  %-28s %d", rule, n) }
end
