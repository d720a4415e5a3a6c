#pragma once
// One thing wrong with a configuration document. Validation and reading collect every
// problem (never stop at the first) so an author can fix a whole document in one pass.
#include <string>
#include <string_view>
#include <vector>

namespace jemhead::config {

struct ConfigProblem {
  std::string path;     // "load_profile.profiles[1].channels[3].km"
  std::string rule;     // "range", "enum", "lp_channel_phase", ...
  std::string message;  // for people
  std::string seed;     // manual line(s) the rule comes from, "L3419-L3429"

  bool operator==(const ConfigProblem&) const = default;
};

using Problems = std::vector<ConfigProblem>;

// A cross-field rule's identity: its name and the manual lines it comes from, declared
// once next to the function that checks it.
struct RuleRef {
  std::string_view name;
  std::string_view seed;
};

inline void report(Problems& out, const RuleRef& rule, std::string path, std::string message) {
  out.push_back(
      {std::move(path), std::string(rule.name), std::move(message), std::string(rule.seed)});
}

}  // namespace jemhead::config
