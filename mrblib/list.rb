# An Array held by a setting. Lists are Arrays (their class is switched in place, so identity is
# kept): the host wraps every Array method that changes one (host/eval/options_native.cc), so
# that each change, and each item, is attributed to the config line that made it.
module Jetsam
  class List < Array
  end
end
