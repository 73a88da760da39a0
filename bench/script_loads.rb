# Loads samples/demo ARGV[0] times (default 1,000): each a whole evaluation, compiled into roles,
# no variant. What one Jetsam.load costs beside build/compile_bench's BM_EvaluateCompileEmit:
#   time build/jetsam run --allow-read samples/demo --facts samples/facts.yml bench/script_loads.rb 1000
count = (ARGV[0] || 1000).to_i
loaded = 0
count.times { loaded += 1 if Jetsam.load("samples/demo").role("lambda") }
puts "#{loaded} of #{count} loads"
