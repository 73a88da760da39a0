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
