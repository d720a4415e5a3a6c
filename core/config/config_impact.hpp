#pragma once
// What a configuration change does to the meter, before it is pushed (issue 8): which
// recorded data the meter re-initialises (manual L306-L376), which changed sections a MID
// meter refuses (L380-L452), which privileges the meter user needs to write each changed
// section (L417-L445, L7146-L7185), and which changes destroy data and therefore need an
// explicit confirmation.
#include <array>
#include <boost/json/object.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/config_diff.hpp"
#include "core/config/meter_configuration.hpp"
#include "core/enum_text.hpp"

namespace jemhead::config {

// Data the meter sets to zero when certain sections change.
enum class ReinitializedData {
  display_registers,  // Normal/Alternate/Test lists and self reads (L325-L345)
  load_profile,       // L350-L360
  energy_pulses,      // L361-L367
  measurement_logs,   // L371-L376
};

struct Reinitialization {
  ReinitializedData data;
  std::vector<std::string> because;  // the changed paths that cause it, document order
  std::string seed;                  // manual lines of the rule
};

// A change that loses data or capacity beyond the re-initialisations (e.g. editing BPR
// storage resets cumulative registers, L2941; freeze markers reduce LP capacity, L3344).
struct DestructiveChange {
  std::string path;
  std::string why;
  std::string seed;
};

struct SectionImpact {
  std::string section;                  // top-level key, "load_profile"
  std::vector<ConfigChange> changes;    // the section's leaf changes
  bool mid_locked = false;              // a MID meter refuses to write it
  std::vector<std::string> privileges;  // meter privileges needed to write it (incl. linked)
  bool writable_by_push = true;         // false for `hardware` (describes the meter)
};

struct ImpactReport {
  std::vector<SectionImpact> sections;  // changed sections only, in document order
  std::vector<Reinitialization> reinitialized;
  std::vector<DestructiveChange> destructive;
  bool mid = false;  // taken from the target's hardware
  // Destructive changes or re-initialised data need `confirm` on a push.
  bool needs_confirmation() const { return !reinitialized.empty() || !destructive.empty(); }
  // Changed sections a MID meter refuses (empty on non-MID meters).
  std::vector<std::string> mid_refused_sections() const;
};

ImpactReport analyse_impact(const MeterConfiguration& from, const MeterConfiguration& to);
// The same over JSON documents (stored versions, or documents of sections this build does
// not describe yet): `from` and `to` as to_json() writes them.
ImpactReport analyse_impact_json(const boost::json::object& from, const boost::json::object& to);

// One line of the manual's re-initialisation lists (L323-L376): a changed path that
// matches one of `paths` re-initialises `data`. Patterns: "[*]" is one list index, any
// other "*" is any run of characters ("load_profile.profiles[*].channels*").
struct ReinitRule {
  std::string_view name;  // the manual's bullet, "Primary Scaling settings"
  ReinitializedData data;
  std::span<const std::string_view> paths;
  std::string_view seed;
  // When set, a matching path counts only if the list entry holding the change has
  // `entry_field` == `entry_value` before or after the change (the energy-pulse outputs
  // among the digital I/O channels: selection == energy_pulse).
  std::string_view entry_field = {};
  std::string_view entry_value = {};
};
std::span<const ReinitRule> reinitialization_rules();
// Path pattern matching as the rules use it; exposed for tests and documentation.
bool path_matches(std::string_view pattern, std::string_view path);

// Fields named `password` (meter passwords, users.hpp) show as "***".
// {"sections":[{"section","changes":[{path,old,new}],"mid_locked","privileges",
//   "writable_by_push"}], "reinitialized":[{"data","because","seed"}],
//  "destructive":[{path,why,seed}], "mid", "needs_confirmation", "mid_refused_sections"}
boost::json::object to_json(const ImpactReport& report);

// The privilege the meter requires to write a section, as the manual names it
// ("Configure Load Profile"), plus linked screens' (L7146-L7185). Empty for hardware.
std::vector<std::string> privileges_for_section(std::string_view section);
// Sections the MID security jumper locks (L384-L411).
bool mid_locked_section(std::string_view section);

}  // namespace jemhead::config

namespace jemhead {
template <>
struct EnumText<config::ReinitializedData> {
  using R = config::ReinitializedData;
  static constexpr std::array<std::pair<R, std::string_view>, 4> names{{
      {R::display_registers, "display_registers"},
      {R::load_profile, "load_profile"},
      {R::energy_pulses, "energy_pulses"},
      {R::measurement_logs, "measurement_logs"},
  }};
};
}  // namespace jemhead
