require "active_support"
require "active_support/core_ext"
root = File.dirname($LOADED_FEATURES.grep(/active_support\/core_ext\.rb\z/).first) + "/core_ext/"
rows = []
ObjectSpace.each_object(Module) do |m|
  next if m.singleton_class? rescue next
  name = m.name rescue nil
  next unless name
  [[m, "#"], [m.singleton_class, "."]].each do |mod, sep|
    (mod.public_instance_methods(false) + mod.protected_instance_methods(false) + mod.private_instance_methods(false)).each do |meth|
      um = mod.instance_method(meth) rescue next
      loc = um.source_location
      next unless loc && loc[0].start_with?(root)
      vis = mod.private_method_defined?(meth) ? "private" : (mod.protected_method_defined?(meth) ? "protected" : "public")
      rows << [name, sep, meth.to_s, loc[0].sub(root, ""), vis]
    end
  end
end
rows.uniq.sort.each { |r| puts r.join("\t") }
