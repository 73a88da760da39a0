# What a config prints is captured (and shown apart from jetsam's own output), never written
# to the terminal by the VM: mruby-print is not loaded.
module Kernel
  def puts(*args)
    args = [""] if args.empty?
    args.flatten.each do |arg|
      text = arg.nil? ? "" : arg.to_s
      Jetsam.__out(text.end_with?("\n") ? text : "#{text}\n")
    end
    nil
  end

  def print(*args)
    args.each { |arg| Jetsam.__out(arg.to_s) }
    nil
  end

  def p(*args)
    args.each { |arg| Jetsam.__out("#{arg.inspect}\n") }
    args.size <= 1 ? args[0] : args
  end

  def pp(*args)
    p(*args)
  end

  def warn(*args)
    puts(*args)
  end
end

# mruby's Array#join recurses in C into each nested Array without a depth check: an array
# nested a million deep would overflow the C stack. This one recurses through the VM, whose call
# depth is bounded, so such a config gets "stack level too deep" instead of a crash.
class Array
  alias_method :__jetsam_join, :join

  def join(*args)
    return __jetsam_join(*args) unless any? { |item| item.is_a?(Array) }
    stack = Jetsam::JOINING
    raise ArgumentError, "recursive array join" if stack.any? { |a| a.equal?(self) }
    stack.push(self)
    begin
      map { |item| item.is_a?(Array) ? item.join(*args) : item }.__jetsam_join(*args)
    ensure
      stack.pop
    end
  end
end

module Jetsam
  JOINING = []  # the arrays being joined, outermost first
end
