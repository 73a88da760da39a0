# JSON as Ruby's json library spells it, on nlohmann/json (host/script/ruby_json.cc). Objects
# become Hashes with String keys (Symbols with symbolize_names: true); Symbols are written as
# Strings, other objects as their to_s.
module JSON
  class JSONError < StandardError; end
  class ParserError < JSONError; end
  class NestingError < ParserError; end
  class GeneratorError < JSONError; end

  def self.generate(obj, _opts = nil)
    Jetsam::Native.json_generate(obj, false)
  end

  def self.pretty_generate(obj, _opts = nil)
    Jetsam::Native.json_generate(obj, true)
  end

  def self.dump(obj)
    generate(obj)
  end

  def self.parse(text, symbolize_names: false)
    raise TypeError, "JSON.parse takes a String, not #{text.class}" unless text.is_a?(String)
    Jetsam::Native.json_parse(text, symbolize_names)
  end
end

class Object
  def to_json(*_args)
    JSON.generate(self)
  end
end
