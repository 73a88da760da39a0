# ActiveSupport::StringInquirer: Jets.env.prod? is Jets.env == "prod".
module Jetsam
  class ::ActiveSupport::StringInquirer < String
    def method_missing(name, *args)
      key = name.to_s
      return self == key[0, key.size - 1] if key[-1] == "?" && args.empty?
      super
    end

    def respond_to_missing?(name, include_private = false)
      name.to_s[-1] == "?" || super
    end
  end

  StringInquirer = ::ActiveSupport::StringInquirer
end
