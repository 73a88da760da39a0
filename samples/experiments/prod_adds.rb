# What does prod grant that dev does not? Every action a role gains in prod, from statements prod
# adds and actions it adds to existing ones, with wildcards expanded, grouped by service and
# access level, each with where it comes from.
#
#   jetsam run --allow-read samples/demo --facts samples/facts.yml samples/experiments/prod_adds.rb [DIR [A B]]

dir = ARGV[0] || "samples/demo"
a_env = ARGV[1] || "dev"
b_env = ARGV[2] || "prod"
a = Jetsam.load(dir, env: a_env)
b = Jetsam.load(dir, env: b_env)
diff = Jetsam.diff(a, b)

LEVELS = ["List", "Read", "Write", "Permissions management", "Tagging"]

def origin(o, policy)
  return o["where"] if o["where"]
  switch = policy["switched_by"]
  return "Jets default, switched on by #{switch['setting']} at #{switch['where']}" if switch && switch["where"]
  "Jets default, #{o['setting']}"
end

puts "What env #{b_env} grants that env #{a_env} does not: #{dir}"
puts "(nothing)" if diff["roles"].empty?
diff["roles"].each do |role|
  gained = [] # [action pattern, where it comes from]
  renamed = 0
  role["policies"].each do |policy|
    policy["statements"].each do |st|
      case st["change"]
      when "added"
        Array(st["statement"]["Action"]).each { |action| gained << [action, origin(st["origin"], policy)] }
      when "changed"
        added = st["actions"] ? st["actions"]["added"] : []
        added.each { |x| gained << [x["action"], x["where"] || origin(st["origin"], policy)] }
        renamed += 1 if st["resources"]
      end
    end
  end
  puts
  puts "#{role['logical_id']} (#{role['role']})"
  by_service = {}
  gained.each do |pattern, where|
    actions = begin
      Jetsam.expand(pattern)["actions"]
    rescue ArgumentError
      [{"action" => pattern, "access_level" => "unknown"}]
    end
    actions.each do |x|
      levels = (by_service[x["action"].split(":").first] ||= {})
      (levels[x["access_level"]] ||= {})[x["action"]] ||= where
    end
  end
  by_service.keys.sort.each do |service|
    levels = by_service[service]
    counts = (LEVELS + ["unknown"]).select { |l| levels[l] }.map { |l| "#{l} #{levels[l].size}" }
    puts "  #{service}: #{counts.join(', ')}"
    (LEVELS + ["unknown"]).each do |level|
      next unless levels[level]
      levels[level].keys.sort.each do |action|
        puts format("    %-6s %-36s %s", level, action, levels[level][action])
      end
    end
  end
  puts "  no new actions" if by_service.empty?
  managed = role["managed_policies"]["added"]
  managed.each { |m| puts "  + managed policy #{m['arn']} (#{m['where'] || 'Jets default'})" }
  puts "  #{renamed} statement(s) keep their actions on other resources (#{a.namespace}-* -> #{b.namespace}-*)" if renamed > 0
end
