# bench/script_variants.sh runs this: 1,000 variants of samples/demo (ARGV[0] changes the count),
# each a real evaluation of the project's files plus one line of the script's, compiled into
# roles and asked one question.
demo = Jetsam.load("samples/demo")
count = (ARGV[0] || 1000).to_i
granted = 0
count.times do |i|
  variant = demo.with(deploy: proc { config.lambda.function.timeout = i + 1 })
  granted += 1 if variant.value("lambda.function.timeout") == i + 1 && variant.role("lambda").actions.include?("ses:*")
end
puts "#{granted} of #{count} variants evaluated"
