// A push's status from its per-section results, and System Bit 11 in a status snapshot.
#include <set>
#include <string_view>

#include "engine/config_push_runner.hpp"

namespace jemhead::engine {

namespace {

bool is_read_back(const ConfigPushSection& r) {
  return r.section.rfind(kReadBackPrefix, 0) == 0;
}

bool delivered(const std::string& outcome) {
  return outcome == "applied" || outcome == "verified" || outcome == "unchanged" ||
         outcome == "mismatch";
}

bool refused(const std::string& outcome) {
  return outcome == "refused_mid" || outcome == "refused_by_meter";
}

}  // namespace

ConfigPushStatus push_status(const std::vector<ConfigPushSection>& results) {
  std::size_t ops = 0, ok = 0, any_delivered = 0, any_refused = 0;
  std::set<std::string> applied_sections;
  for (const auto& r : results) {
    if (is_read_back(r)) continue;
    ++ops;
    ok += r.outcome == "applied" || r.outcome == "verified" || r.outcome == "unchanged";
    any_delivered += delivered(r.outcome);
    any_refused += refused(r.outcome);
    if (r.outcome == "applied") applied_sections.insert(r.section);
  }
  // A read-back mismatch counts against the push only for a section it delivered.
  bool delivered_mismatch = false;
  for (const auto& r : results)
    if (is_read_back(r) && r.outcome == "mismatch" &&
        applied_sections.count(r.section.substr(std::string_view(kReadBackPrefix).size())))
      delivered_mismatch = true;
  if (ops == 0 || (ok == ops && !delivered_mismatch)) return ConfigPushStatus::succeeded;
  if (any_delivered > 0) return ConfigPushStatus::partial;
  if (any_refused == ops) return ConfigPushStatus::refused;
  return ConfigPushStatus::failed;
}

bool configuration_change_active(const StatusSnapshot& snapshot) {
  for (const auto& p : snapshot.points)
    if (p.name == "system.configuration_change") return p.active;
  return false;
}

}  // namespace jemhead::engine
