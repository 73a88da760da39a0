# File, IO, Dir and Pathname, read-only and within the checkout's config/: configs read their own
# YAML and JSON (File.read, YAML.load_file, Dir.glob). The host read those files before the
# evaluation started (host/eval/checkout_files.cc); the VM opens nothing. Anything else that
# touches the machine raises SecurityError, which names the sandbox.
module Jetsam
  class ::SecurityError < ::Exception; end
  class ::LoadError < ::ScriptError; end
  class ::SystemCallError < ::StandardError; end

  module ::Errno
    class ENOENT < ::SystemCallError
      def initialize(path = nil)
        super(path ? "No such file or directory @ rb_sysopen - #{path}" : "No such file or directory")
      end
    end

    class EISDIR < ::SystemCallError
      def initialize(path = nil)
        super(path ? "Is a directory @ io_fread - #{path}" : "Is a directory")
      end
    end
  end

  module Sandbox
    def self.refuse(what, why = "config files are evaluated read-only, with no access to the machine")
      raise ::SecurityError, "jetsam's sandbox refuses #{what}: #{why}"
    end

    # The file's text, after the checks: a missing file is Errno::ENOENT, one the host may not
    # hand over (outside the checkout's config/, a symlink out of it, too large) a SecurityError.
    def self.read(path)
      path = Jetsam.path_arg(path)
      case (kind = Host.file_stat(path))
      when :file then Host.file_read(path)
      when :directory then raise ::Errno::EISDIR, path
      when nil then raise ::Errno::ENOENT, path
      else refuse("reading #{path.inspect}", kind)
      end
    end

    # exist? and friends: a path jetsam may not look at is answered false, with a notice.
    def self.stat(path)
      path = Jetsam.path_arg(path)
      kind = Host.file_stat(path)
      if kind.is_a?(String)
        Host.note("sandbox", "#{path.inspect} is outside what jetsam reads (#{kind}): answered as missing",
                  "jetsam reads files in the checkout's config/ only")
        return nil
      end
      kind
    end
  end

  def self.path_arg(path)
    path = path.to_path if path.respond_to?(:to_path)
    raise TypeError, "no implicit conversion of #{path.class} into String" unless path.is_a?(String)
    path
  end

  # Reads a String's lines like IO#each_line: separators kept unless chomp.
  def self.lines(text, chomp)
    lines = text.lines
    chomp ? lines.map { |line| line.end_with?("\n") ? line[0, line.size - 1] : line } : lines
  end

  # What File.open and friends give a block: the text, read-only.
  class ReadOnlyFile
    def initialize(path, text)
      @path = path
      @text = text
      @pos = 0
    end

    attr_reader :path

    def read(length = nil)
      return nil if length && @pos >= @text.size
      chunk = length ? @text[@pos, length] : @text[@pos..-1].to_s
      @pos += chunk.size
      chunk
    end

    def each_line(&block)
      Jetsam.lines(read, false).each(&block)
      self
    end

    def readlines(chomp: false)
      Jetsam.lines(read, chomp)
    end

    def gets
      return nil if @pos >= @text.size
      stop = @text.index("\n", @pos)
      stop = stop ? stop + 1 : @text.size
      line = @text[@pos, stop - @pos]
      @pos = stop
      line
    end

    def rewind
      @pos = 0
    end

    def eof?
      @pos >= @text.size
    end

    def close
      nil
    end

    def write(*_args)
      Sandbox.refuse("writing to #{@path.inspect}")
    end
    alias << write
    alias puts write
    alias print write
  end

  module FileOps
    def read(path, *_args, **_opts)
      Sandbox.read(path)
    end

    def readlines(path, *_args, chomp: false)
      Jetsam.lines(Sandbox.read(path), chomp)
    end

    def foreach(path, *_args, chomp: false, &block)
      return to_enum(:foreach, path) unless block
      Jetsam.lines(Sandbox.read(path), chomp).each(&block)
      nil
    end

    def binread(path, *_args)
      Sandbox.read(path)
    end

    %i[write binwrite popen pipe sysopen copy_stream select new for_fd].each do |name|
      define_method(name) do |*_args, &_block|
        Sandbox.refuse("#{self}.#{name}")
      end
    end
  end

  class ::IO
    extend FileOps
  end

  class ::File < ::IO
    SEPARATOR = "/"
    Separator = SEPARATOR
    ALT_SEPARATOR = nil
    PATH_SEPARATOR = ":"

    def self.exist?(path)
      !Sandbox.stat(path).nil?
    end

    def self.exists?(path)  # Jets' own core extension (jets/core_ext/file.rb)
      exist?(path)
    end

    def self.file?(path)
      Sandbox.stat(path) == :file
    end

    def self.directory?(path)
      Sandbox.stat(path) == :directory
    end

    def self.readable?(path)
      exist?(path)
    end

    def self.size?(path)
      file?(path) ? Sandbox.read(path).bytesize : nil
    end

    def self.size(path)
      Sandbox.read(path).bytesize
    end

    def self.zero?(path)
      file?(path) && Sandbox.read(path).empty?
    end
    singleton_class.send(:alias_method, :empty?, :zero?)

    def self.open(path, mode = "r", *_args, **_opts)
      unless mode.is_a?(String) && mode.start_with?("r") && !mode.include?("+")
        Sandbox.refuse("File.open(#{path.inspect}, #{mode.inspect})")
      end
      file = ::Jetsam::ReadOnlyFile.new(path, Sandbox.read(path))
      block_given? ? yield(file) : file
    end

    %i[delete unlink rename symlink link chmod chown truncate mkfifo utime lchmod lchown
       mtime atime ctime birthtime stat lstat realpath realdirpath readlink executable?
       writable? world_writable? owned? symlink? pipe? socket? setuid? setgid?].each do |name|
      define_singleton_method(name) do |*_args|
        Sandbox.refuse("File.#{name}", "jetsam reads the text of files in the checkout's config/ and nothing else")
      end
    end

    def self.join(*parts)
      parts = parts.flatten.map { |part| Jetsam.path_arg(part) }
      return "" if parts.empty?
      out = parts[0].dup
      parts[1..-1].each do |part|
        if out.end_with?("/")
          out << Jetsam.strip_leading_slashes(part)
        else
          out << (part.start_with?("/") ? part : "/#{part}")
        end
      end
      out
    end

    def self.basename(path, suffix = nil)
      path = Jetsam.path_arg(path)
      stripped = Jetsam.strip_trailing_slashes(path)
      return "/" if stripped.empty? || stripped == "/"
      i = stripped.rindex("/")
      base = i ? stripped[(i + 1)..-1] : stripped
      if suffix == ".*"
        dot = base.rindex(".")
        base = base[0, dot] if dot && dot > 0
      elsif suffix && base.end_with?(suffix) && base != suffix
        base = base[0, base.size - suffix.size]
      end
      base
    end

    def self.dirname(path, level = 1)
      path = Jetsam.path_arg(path)
      level.times do
        stripped = Jetsam.strip_trailing_slashes(path)
        i = stripped.rindex("/")
        path = if i.nil? then "."
               elsif i == 0 then "/"
               else Jetsam.strip_trailing_slashes(stripped[0, i])
               end
      end
      path
    end

    def self.extname(path)
      base = basename(path)
      dot = base.rindex(".")
      dot && dot > 0 && dot < base.size - 1 ? base[dot..-1] : ""
    end

    def self.split(path)
      [dirname(path), basename(path)]
    end

    # Relative to the checkout (Jets' working directory), without touching the file system.
    def self.expand_path(path, dir = nil)
      path = Jetsam.path_arg(path)
      if path.start_with?("~")
        Sandbox.refuse("File.expand_path(#{path.inspect})", "a home directory is outside the checkout")
      end
      base = dir ? expand_path(Jetsam.path_arg(dir)) : Host.checkout_root
      Jetsam.normalize_path(path.start_with?("/") ? path : "#{base}/#{path}")
    end

    def self.absolute_path(path, dir = nil)
      path = Jetsam.path_arg(path)
      base = dir ? absolute_path(Jetsam.path_arg(dir)) : Host.checkout_root
      Jetsam.normalize_path(path.start_with?("/") ? path : "#{base}/#{path}")
    end

    def self.absolute_path?(path)
      Jetsam.path_arg(path).start_with?("/")
    end

    def self.fnmatch(pattern, path, flags = 0)
      Jetsam.glob_match?(pattern, path, flags & FNM_PATHNAME != 0, flags & FNM_DOTMATCH != 0, flags & FNM_EXTGLOB != 0)
    end
    singleton_class.send(:alias_method, :fnmatch?, :fnmatch)

    FNM_NOESCAPE = 1
    FNM_PATHNAME = 2
    FNM_DOTMATCH = 4
    FNM_CASEFOLD = 8
    FNM_EXTGLOB = 16
  end

  def self.strip_trailing_slashes(path)
    stop = path.size
    stop -= 1 while stop > 1 && path[stop - 1] == "/"
    path[0, stop]
  end

  def self.strip_leading_slashes(path)
    start = 0
    start += 1 while path[start] == "/"
    path[start..-1].to_s
  end

  def self.normalize_path(path)
    parts = []
    path.split("/").each do |part|
      next if part.empty? || part == "."
      part == ".." ? parts.pop : parts << part
    end
    "/" + parts.join("/")
  end

  # Shell-style matching for File.fnmatch and Dir.glob: *, ?, [set], {a,b} and ** across
  # directories.
  def self.glob_match?(pattern, path, pathname = true, dotmatch = false, braces = true)
    patterns = braces ? expand_braces(pattern) : [pattern]
    patterns.any? { |p| glob_match_one(p, 0, path, 0, pathname, dotmatch) }
  end

  def self.expand_braces(pattern)
    open = pattern.index("{")
    return [pattern] unless open
    depth = 0
    i = open
    close = nil
    commas = []
    while i < pattern.size
      case pattern[i]
      when "{" then depth += 1
      when "}"
        depth -= 1
        if depth == 0
          close = i
          break
        end
      when "," then commas << i if depth == 1
      end
      i += 1
    end
    return [pattern] unless close
    bounds = [open] + commas + [close]
    head = pattern[0, open]
    tail = pattern[(close + 1)..-1]
    (0...(bounds.size - 1)).flat_map do |k|
      expand_braces(head + pattern[(bounds[k] + 1)...bounds[k + 1]] + tail)
    end
  end

  def self.glob_match_one(pat, pi, str, si, pathname, dotmatch)
    while pi < pat.size
      c = pat[pi]
      if c == "*" && pat[pi + 1] == "*" && pathname && (pi == 0 || pat[pi - 1] == "/") && pat[pi + 2] == "/"
        rest = pi + 3
        return true if glob_match_one(pat, rest, str, si, pathname, dotmatch)
        j = si
        while (slash = str.index("/", j))
          return false if !dotmatch && str[j] == "."
          return true if glob_match_one(pat, rest, str, slash + 1, pathname, dotmatch)
          j = slash + 1
        end
        return false
      elsif c == "*"
        return false if !dotmatch && str[si] == "." && (si == 0 || str[si - 1] == "/")
        j = si
        loop do
          return true if glob_match_one(pat, pi + 1, str, j, pathname, dotmatch)
          break if j >= str.size || (pathname && str[j] == "/")
          j += 1
        end
        return false
      elsif c == "?"
        return false if si >= str.size || (pathname && str[si] == "/")
        pi += 1
        si += 1
      elsif c == "["
        close = pat.index("]", pi + 1)
        return false if close.nil? || si >= str.size
        set = pat[(pi + 1)...close]
        negated = set.start_with?("!") || set.start_with?("^")
        set = set[1..-1] if negated
        ch = str[si]
        inside = false
        k = 0
        while k < set.size
          if set[k + 1] == "-" && k + 2 < set.size
            inside ||= ch >= set[k] && ch <= set[k + 2]
            k += 3
          else
            inside ||= ch == set[k]
            k += 1
          end
        end
        return false if inside == negated
        pi = close + 1
        si += 1
      else
        return false unless str[si] == c
        pi += 1
        si += 1
      end
    end
    si == str.size
  end

  class ::Dir
    def self.pwd
      Host.checkout_root
    end
    singleton_class.send(:alias_method, :getwd, :pwd)

    def self.exist?(path)
      ::File.directory?(path)
    end

    # Matches the paths the host read (the files of config/ and their directories).
    def self.glob(patterns, flags = 0, base: nil, sort: true, &block)
      root = Host.checkout_root
      dotmatch = flags & ::File::FNM_DOTMATCH != 0
      found = []
      Array(patterns).each do |pattern|
        pattern = Jetsam.path_arg(pattern)
        pattern = ::File.join(base, pattern) if base && !pattern.start_with?("/")
        absolute = pattern.start_with?("/")
        Host.checkout_paths.each do |rel|
          candidate = absolute ? "#{root}/#{rel}" : rel
          found << candidate if Jetsam.glob_match?(pattern, candidate, true, dotmatch)
        end
      end
      found = found.uniq
      found.sort! if sort
      return found unless block
      found.each(&block)
      nil
    end

    def self.[](*patterns, base: nil, sort: true)
      glob(patterns, 0, base: base, sort: sort)
    end

    def self.children(path)
      path = Jetsam.path_arg(path)
      raise ::Errno::ENOENT, path unless ::File.directory?(path)
      prefix = path.end_with?("/") ? path : "#{path}/"
      glob("#{prefix}*", ::File::FNM_DOTMATCH).map { |p| ::File.basename(p) }
    end

    def self.entries(path)
      [".", ".."] + children(path)
    end

    def self.each_child(path, &block)
      children(path).each(&block)
    end

    %i[mkdir rmdir unlink delete chdir chroot home tmpdir mktmpdir new open].each do |name|
      define_singleton_method(name) do |*_args, &_block|
        Sandbox.refuse("Dir.#{name}")
      end
    end
  end

  # Pathname: path arithmetic on Strings; what reads the file goes through File.
  class ::Pathname
    def initialize(path)
      @path = Jetsam.path_arg(path).dup
    end

    def to_s
      @path.dup
    end
    alias to_path to_s

    def inspect
      "#<Pathname:#{@path}>"
    end

    def ==(other)
      other.is_a?(::Pathname) && other.to_s == @path
    end
    alias eql? ==
    alias === ==

    def <=>(other)
      other.is_a?(::Pathname) ? @path <=> other.to_s : nil
    end

    def hash
      @path.hash
    end

    def +(other)
      other = other.to_s
      return self.class.new(other) if other.start_with?("/")
      return self.class.new(other) if @path.empty? || @path == "."
      self.class.new(Jetsam.clean_join(@path, other))
    end
    alias / +

    def join(*args)
      args.inject(self) { |path, arg| path + arg }
    end

    def basename(*args)
      self.class.new(::File.basename(@path, *args))
    end

    def dirname
      self.class.new(::File.dirname(@path))
    end

    def extname
      ::File.extname(@path)
    end

    def parent
      self + ".."
    end

    def split
      [dirname, basename]
    end

    def absolute?
      @path.start_with?("/")
    end

    def relative?
      !absolute?
    end

    def root?
      @path == "/"
    end

    def cleanpath
      self.class.new(Jetsam.clean_path(@path))
    end

    def expand_path(*args)
      self.class.new(::File.expand_path(@path, *args))
    end

    def relative_path_from(base)
      from = Jetsam.clean_path(base.to_s).split("/").reject(&:empty?)
      to = Jetsam.clean_path(@path).split("/").reject(&:empty?)
      from.shift && to.shift while !from.empty? && !to.empty? && from[0] == to[0]
      self.class.new((([".."] * from.size) + to).join("/").then { |p| p.empty? ? "." : p })
    end

    def each_filename(&block)
      @path.split("/").reject(&:empty?).each(&block)
    end

    def sub(*args, &block)
      self.class.new(@path.sub(*args, &block))
    end

    def sub_ext(ext)
      e = extname
      self.class.new(@path[0, @path.size - e.size] + ext)
    end

    def exist?
      ::File.exist?(@path)
    end

    def file?
      ::File.file?(@path)
    end

    def directory?
      ::File.directory?(@path)
    end

    def read(*args)
      ::File.read(@path, *args)
    end

    def readlines(*args, **opts)
      ::File.readlines(@path, *args, **opts)
    end

    def each_line(*args, &block)
      ::File.foreach(@path, *args, &block)
    end

    def children(with_directory = true)
      ::Dir.children(@path).map { |c| with_directory ? self + c : self.class.new(c) }
    end

    def glob(pattern, &block)
      found = ::Dir.glob(::File.join(@path, pattern)).map { |p| self.class.new(p) }
      block ? found.each(&block) : found
    end

    def self.glob(*args, &block)
      ::Dir.glob(*args).map { |p| new(p) }.tap { |found| found.each(&block) if block }
    end

    def self.pwd
      new(::Dir.pwd)
    end

    def blank?  # ActiveSupport 7.1
      @path.empty?
    end

    def as_json(_options = nil)
      to_s
    end

    %i[write binwrite mkpath rmtree delete unlink rename make_link make_symlink mkdir rmdir
       open opendir chmod mtime stat realpath realdirpath].each do |name|
      define_method(name) do |*_args, &_block|
        Sandbox.refuse("Pathname##{name}")
      end
    end
  end

  module ::Kernel
    def Pathname(path)
      path.is_a?(::Pathname) ? path : ::Pathname.new(path)
    end
  end

  def self.clean_path(path)
    absolute = path.start_with?("/")
    parts = []
    path.split("/").each do |part|
      next if part.empty? || part == "."
      if part == ".." && !parts.empty? && parts[-1] != ".."
        parts.pop
      elsif part == ".." && absolute
        next
      else
        parts << part
      end
    end
    cleaned = parts.join("/")
    absolute ? "/#{cleaned}" : (cleaned.empty? ? "." : cleaned)
  end

  # Pathname#+: "a/b" + "../c" is "a/c", as Ruby's Pathname resolves the ".." it can.
  def self.clean_join(base, other)
    base = base.end_with?("/") ? base[0, base.size - 1] : base
    prefix = base
    rest = other
    while rest.start_with?("../") || rest == ".." || rest.start_with?("./") || rest == "."
      if rest.start_with?(".")  && !rest.start_with?("..")
        rest = rest.size > 1 ? rest[2..-1].to_s : ""
        next
      end
      last = ::File.basename(prefix)
      break if prefix.empty? || last == ".." || prefix == "/"
      parent = ::File.dirname(prefix)
      prefix = parent == "." && !prefix.include?("/") ? "" : parent
      rest = rest.size > 2 ? rest[3..-1].to_s : ""
    end
    return prefix.empty? ? (rest.empty? ? "." : rest) : prefix if rest.empty?
    prefix.empty? ? rest : (prefix.end_with?("/") ? "#{prefix}#{rest}" : "#{prefix}/#{rest}")
  end
end
