# The prelude's code lives in module Jetsam, which the host takes away from the config's world
# once the prelude has run (host/eval/runtime.cc): the code below still finds Jetsam's
# constants by their lexical scope, and a config can name none of them. The constants the code
# uses are pinned here too, so that a config that replaces ::Array or ::Jets changes nothing of
# what this code sees.
module Jetsam
  Array = ::Array
  Hash = ::Hash
  String = ::String
  Symbol = ::Symbol
  Integer = ::Integer
  Kernel = ::Kernel
  StandardError = ::StandardError
  ArgumentError = ::ArgumentError
  KeyError = ::KeyError
  NoMethodError = ::NoMethodError
  NotImplementedError = ::NotImplementedError
  JOINING = []  # the arrays being joined, outermost first

  # What a config prints is captured (and shown apart from jetsam's own output), never written
  # to the terminal by the VM: mruby-print is not loaded.
  module ::Kernel
    def puts(*args)
      args = [""] if args.empty?
      args.flatten.each do |arg|
        text = arg.nil? ? "" : arg.to_s
        Host.out(text.end_with?("\n") ? text : "#{text}\n")
      end
      nil
    end

    def print(*args)
      args.each { |arg| Host.out(arg.to_s) }
      nil
    end

    def p(*args)
      args.each { |arg| Host.out("#{arg.inspect}\n") }
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
  # nested a million deep would overflow the C stack. This one recurses through the VM, whose
  # call depth is bounded, so such a config gets "stack level too deep" instead of a crash.
  class ::Array
    alias_method :__jetsam_join, :join

    def join(*args)
      return __jetsam_join(*args) unless any? { |item| item.is_a?(Array) }
      stack = JOINING
      raise ArgumentError, "recursive array join" if stack.any? { |a| a.equal?(self) }
      stack.push(self)
      begin
        map { |item| item.is_a?(Array) ? item.join(*args) : item }.__jetsam_join(*args)
      ensure
        stack.pop
      end
    end
  end
end
