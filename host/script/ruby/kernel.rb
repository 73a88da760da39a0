# What a script may write: standard output and standard error, through the host, which escapes
# control characters (host/script/output.cc). mruby-print is not loaded: nothing else writes.
module Jetsam
  # $stdout and $stderr: what Ruby's IO offers for writing text, and nothing else.
  class Stream
    def initialize(fd)
      @fd = fd
    end

    def write(*args)
      args.sum { |arg| Native.write(@fd, arg.to_s) }
    end

    def print(*args)
      args.each { |arg| Native.write(@fd, arg.to_s) }
      nil
    end

    def <<(arg)
      Native.write(@fd, arg.to_s)
      self
    end

    def puts(*args)
      args = [nil] if args.empty?
      args.flatten.each do |arg|
        text = arg.nil? ? "" : arg.to_s
        Native.write(@fd, text.end_with?("\n") ? text : "#{text}\n")
      end
      nil
    end

    def printf(format_string, *args)
      Native.write(@fd, format(format_string, *args))
      nil
    end

    def flush
      self
    end

    def sync
      true
    end

    def tty?
      false
    end
    alias isatty tty?

    def fileno
      @fd
    end

    def inspect
      @fd == 1 ? "#<IO:<STDOUT>>" : "#<IO:<STDERR>>"
    end
  end
end

STDOUT = Jetsam::Stream.new(1)
STDERR = Jetsam::Stream.new(2)
$stdout = STDOUT
$stderr = STDERR

# exit(n) ends the script with status n (true: 0, false: 1), as in Ruby: by raising SystemExit,
# which `rescue => e` does not catch.
class SystemExit < Exception
  attr_reader :status

  def initialize(status = 0, message = "exit")
    @status = status == true ? 0 : status == false ? 1 : status.to_i
    Jetsam::Native.exit_status(@status)
    super(message)
  end

  def success?
    @status == 0
  end
end

module Kernel
  def puts(*args)
    $stdout.puts(*args)
  end

  def print(*args)
    $stdout.print(*args)
  end

  def printf(*args)
    return nil if args.empty?
    $stdout.printf(*args)
  end

  def p(*args)
    args.each { |arg| $stdout.write("#{arg.inspect}\n") }
    args.size <= 1 ? args[0] : args
  end

  def pp(*args)
    p(*args)
  end

  def warn(*args)
    $stderr.puts(*args) unless args.empty?
    nil
  end

  def exit(status = true)
    raise SystemExit.new(status)
  end

  def abort(message = nil)
    $stderr.puts(message) if message
    raise SystemExit.new(1, message || "exit")
  end
end

# A config's __dir__ (mrblib/ruby_compat.rb) is its file's directory in the checkout; a script
# reads only the directories it is allowed and names them itself.
module Kernel
  def __dir__
    raise NotImplementedError, "__dir__ is not available to a script: name the directory (`jetsam run --allow-read DIR`)"
  end
end

# What scripts reach for and mruby 3.1 lacks.
module Enumerable
  def sum(init = 0)
    if block_given?
      inject(init) { |acc, x| acc + yield(x) }
    else
      inject(init) { |acc, x| acc + x }
    end
  end
end

# Set, YAML (Psych), Digest and Date are defined the first time a script names one of them
# (Jetsam::Native.load_stdlib): most scripts use none, and defining them would cost every
# script's start a fifth more.
class Module
  alias __jetsam_const_missing const_missing

  def const_missing(name)
    if %i[Set YAML Psych Digest Date].include?(name) && Jetsam::Native.load_stdlib
      return Object.const_get(name)
    end
    __jetsam_const_missing(name)
  end
end

module Enumerable
  def to_set(*args, &block)
    Set # defines Set, and with it the real #to_set, which replaces this one
    to_set(*args, &block)
  end
end
