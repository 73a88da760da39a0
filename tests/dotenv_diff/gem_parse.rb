# The dotenv gem's own parser over each file named, one JSON line per file: [[name, value], ...],
# or ["error"] for its FormatError. Commands are never run: `$(cmd)` gives the placeholder jetsam
# shows. usage: ruby gem_parse.rb GEM_LIB_DIR FILE...
gem_lib = ARGV.shift
$LOAD_PATH.unshift gem_lib
require "json"
module Kernel
  def `(cmd) = "<command:#{cmd}>\n"
end
require "dotenv/parser"
ARGV.each do |path|
  text = File.binread(path).force_encoding("UTF-8")
  begin
    puts JSON.generate(Dotenv::Parser.call(text).to_a)
  rescue Dotenv::FormatError
    puts JSON.generate(["error"])
  end
end
