# The check helper of tests/active_support/cases.rb and tests/stdlib/cases.rb: each check names
# what it checks and prints "ok NAME" or "FAIL NAME: ...". jetsam's tests put this file before
# the cases; in Ruby, require it first (`ruby -r./tests/ruby_check.rb ...`).

def check(name, expected)
  actual = begin
    yield
  rescue Exception => e
    e
  end
  good =
    if expected.is_a?(Class) && expected <= Exception
      actual.is_a?(expected)
    else
      actual == expected && actual.class == expected.class
    end
  puts good ? "ok #{name}" : "FAIL #{name}: expected #{expected.inspect}, got #{actual.inspect}"
end

# A method ActiveSupport 7 added: skipped when the Ruby that checks this file has an older one.
# `expected` may be a lambda, for a constant that only 7 defines.
def check7(name, expected, &block)
  return if ActiveSupport::VERSION::MAJOR < 7
  check(name, expected.is_a?(Proc) ? expected.call : expected, &block)
end
