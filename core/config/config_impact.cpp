#include "core/config/config_impact.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

namespace jemhead::config {
namespace json = boost::json;

namespace {

// ---- Re-initialisation (L306-L376) -------------------------------------------------------
// The meter compares each section with the stored one and zeroes a feature's data when one
// of its listed sections changed (L312-L320). The rules are written against paths, not
// struct members, so they hold while sections are being described; where a section's
// field names were not known when this table was written, the pattern covers the whole
// section or a name fragment (comments say which).

// "Normal, Alternate, Test display list" (L335): the three lists and everything else on
// the Display Registers page (the self-read interval is also a Self Read setting).
constexpr std::string_view kDisplayLists[] = {"display_registers.*"};
// "Demand settings" (L337): the whole Demands page.
constexpr std::string_view kDemandSettings[] = {"demands.*"};
// "Self Read settings" (L339): the per-register Self Read checkbox (L2985-L3001) and the
// recording interval (display_registers.self_read_interval; the manual shows it on the
// Timekeeping page, L3942-L3948, so a timekeeping name containing "self_read" counts too).
constexpr std::string_view kSelfRead[] = {"display_registers.*self_read*",
                                          "timekeeping.*self_read*"};
// "Primary Scaling settings" (L341, L358): the PT/CT ratios ("including changing VT/CT
// Ratio", L341-L343) and the Measurement Units, which the manual calls "the scaling of
// units" (L2603). Form, class and frequency are factory set; nominal values only feed the
// read-only Full Scale Watts and trigger baselines; gain correction is its own privilege
// (Configure Transformer Correction, L405) and is not listed, so none of them count.
constexpr std::string_view kPrimaryScaling[] = {
    "primary.vt_primary",   "primary.vt_secondary",        "primary.ct_primary",
    "primary.ct_secondary", "primary.measurement_units.*",
};
// "Demand, Load Profile Interval Timing settings" (L345, L354): interval and subinterval
// lengths and the external sync that starts intervals. Thermal time, deferral and outage
// threshold are demand settings but not interval timing.
constexpr std::string_view kIntervalTiming[] = {
    "demands.interval_minutes",
    "demands.subinterval_minutes",
    "demands.demand_sync",
    "load_profile.profiles[*].interval_kind",
    "load_profile.profiles[*].interval_minutes",
    "load_profile.profiles[*].external_interval_sync",
};
// "Load Profile channel assignments" (L356): any change of a channel, and a profile added
// or removed as a whole (its channels come or go with it).
constexpr std::string_view kLpChannels[] = {"load_profile.profiles[*].channels*",
                                            "load_profile.profiles[*]"};
// "Energy pulse channel assignments" (L367, L376): digital I/O channels whose selection is
// Energy Pulse, with their settings (L4346-L4434), before or after the change; a channel
// added or removed as a whole counts when it is (or was) an energy pulse output.
constexpr std::string_view kEnergyPulse[] = {"input_output.digital_io[*]*"};
// The Measurement Logging list repeats "Energy pulse channel assignments" (L376), most
// likely a copy of the Energy Pulses list (digest part 1, §16). Both are kept: the literal
// text, and our reading that changing what the log records re-initialises it (like the
// load profile's channel assignments), so the head-end warns rather than loses data.
constexpr std::string_view kMeasurementLog[] = {"measurement_log.*"};

constexpr ReinitRule kRules[] = {
    {"Normal, Alternate, Test display list", ReinitializedData::display_registers, kDisplayLists,
     "L331-L335"},
    {"Demand settings", ReinitializedData::display_registers, kDemandSettings, "L331, L337"},
    {"Self Read settings", ReinitializedData::display_registers, kSelfRead,
     "L331, L339, L3942-L3948"},
    {"Primary Scaling settings", ReinitializedData::display_registers, kPrimaryScaling,
     "L331, L341-L343"},
    {"Demand, Load Profile Interval Timing settings", ReinitializedData::display_registers,
     kIntervalTiming, "L331, L345"},
    {"Demand, Load Profile Interval Timing settings", ReinitializedData::load_profile,
     kIntervalTiming, "L350-L354"},
    {"Load Profile channel assignments", ReinitializedData::load_profile, kLpChannels,
     "L350, L356"},
    {"Primary Scaling settings", ReinitializedData::load_profile, kPrimaryScaling,
     "L350, L358-L360"},
    {"Energy pulse channel assignments", ReinitializedData::energy_pulses, kEnergyPulse,
     "L361-L367", "selection", "energy_pulse"},
    {"Energy pulse channel assignments", ReinitializedData::measurement_logs, kEnergyPulse,
     "L371-L376", "selection", "energy_pulse"},
    {"Measurement Logging channels (reading of L371-L376)", ReinitializedData::measurement_logs,
     kMeasurementLog, "L371-L376, L3573-L3590"},
};

// Manual lines of each feature's whole list, for the report.
std::string_view reinit_seed(ReinitializedData d) {
  switch (d) {
    case ReinitializedData::display_registers: return "L323-L345";
    case ReinitializedData::load_profile: return "L348-L360";
    case ReinitializedData::energy_pulses: return "L361-L367";
    case ReinitializedData::measurement_logs: return "L371-L376";
  }
  return "";
}

// ---- Destructive changes beyond re-initialisation (part 2 §13 item 16) -----------------
struct DestructiveRule {
  std::string_view pattern;
  std::string_view why;
  std::string_view seed;
  bool only_when_turned_on = false;  // the loss happens when a flag becomes true
};

// Leaving Test Mode (L2705) clears Test registers but is a command, not a configuration
// change; gain corrections being per meter (L2682-L2684) loses no data. Neither is here.
constexpr DestructiveRule kDestructive[] = {
    // The Automatic BPR group of the Timekeeping page (L3930-L3938).
    {"timekeeping.automatic_billing_period_reset*",
     "Any alteration to the BPR configuration resets Cumulative and Continuous Cumulative "
     "registers",
     "L2941, L3930-L3938"},
    {"load_profile.profiles[*].freeze_markers",
     "Freeze markers use load profile memory: fewer days of load profile storage", "L3340-L3346",
     true},
};

// ---- Privileges and MID (L384-L445, L7146-L7185) ----------------------------------------
// The configuration items the MID security jumper blocks (L389-L405) and allows (L419-L427).
constexpr std::string_view kMidLocked[] = {
    "Configure Primary/PTCT Settings",  "Configure Display Registers",
    "Configure Load Profile",           "Configure Loss Compensation",
    "Configure TOU/DST settings",       "Configure Input/Output Settings",
    "Configure Trigger Settings",       "Configure Demand Settings",
    "Configure Transformer Correction",
};

constexpr std::string_view kProtocol = "Configure Protocol Settings";
constexpr std::string_view kInputOutput = "Configure Input/Output Settings";
// The manual names a "Power Quality" settings privilege only through the linked-screen
// text (L7150-L7156); the checklist itself is a screenshot, so this spelling is ours.
constexpr std::string_view kPowerQuality = "Configure Power Quality Settings";

struct SectionAccess {
  std::string_view section;
  std::vector<std::string_view> own;     // the page's own privilege(s)
  std::vector<std::string_view> linked;  // linked screens' (L7146-L7185)
};

const std::vector<SectionAccess>& section_access() {
  static const std::vector<SectionAccess> table{
      {"hardware", {}, {}},  // describes the meter; never written
      {"identification", {"Configure Meter Identification"}, {}},
      // Transformer gain correction is on the Primary page but has its own privilege
      // (L405); a push writes the page whole, so both are needed.
      {"primary", {"Configure Primary/PTCT Settings", "Configure Transformer Correction"}, {}},
      {"display_registers", {"Configure Display Registers"}, {kProtocol, kInputOutput}},
      {"load_profile", {"Configure Load Profile"}, {}},
      {"demands", {"Configure Demand Settings"}, {}},
      // No privilege is named for Measurement Logging; it is part of the power quality
      // options (ML, PQ2, PQ3: L3575-L3577), so the Power Quality privilege is assumed.
      // It is in neither MID list and resets neither billing registers nor load profile.
      {"measurement_log", {kPowerQuality}, {}},
      {"time_of_use", {"Configure TOU/DST settings"}, {}},
      // Timekeeping holds the DST table (L3949-L3989) and the freeze, BPR and self-read
      // schedules; the manual names no privilege of its own, so TOU/DST is assumed (which
      // also locks it on MID meters: BPR and self-read changes reset billing data).
      {"timekeeping", {"Configure TOU/DST settings"}, {}},
      {"input_output", {"Configure Input/Output Settings"}, {kProtocol}},
      {"triggers", {"Configure Trigger Settings"}, {kProtocol, kPowerQuality}},
      // Status Triggers are combinations of alarm triggers (L4933-L4996); no privilege is
      // named, so Trigger Settings is assumed.
      {"status_word", {"Configure Trigger Settings"}, {}},
      {"communication", {"Configure Communication Settings"}, {}},
      {"protocols", {kProtocol}, {}},
      {"display", {"Configure Display Settings"}, {}},
      {"loss_compensation", {"Configure Loss Compensation"}, {}},
      // Only the Admin password changes privileges (L7048); the item is "User Admin" (L427).
      {"users", {"Configure User Admin"}, {}},
  };
  return table;
}

const SectionAccess* find_access(std::string_view section) {
  for (const auto& a : section_access())
    if (a.section == section) return &a;
  return nullptr;
}

// ---- Paths ------------------------------------------------------------------------------
std::string_view top_section(std::string_view path) {
  return path.substr(0, path.find_first_of(".["));
}

// Follows "a.b[3].c" into a document; nullptr when any step is missing.
const json::value* at_path(const json::value& doc, std::string_view path) {
  const json::value* v = &doc;
  std::size_t i = 0;
  while (i < path.size() && v) {
    if (path[i] == '.' && ++i == path.size()) return nullptr;
    if (path[i] == '[') {
      const auto end = path.find(']', i);
      if (end == std::string_view::npos || !v->is_array()) return nullptr;
      std::size_t index = 0;
      for (auto k = i + 1; k < end; ++k) {
        if (!std::isdigit(static_cast<unsigned char>(path[k]))) return nullptr;
        index = index * 10 + static_cast<std::size_t>(path[k] - '0');
      }
      const auto& arr = v->get_array();
      v = index < arr.size() ? &arr[index] : nullptr;
      i = end + 1;
      continue;
    }
    const auto end = path.find_first_of(".[", i);
    const auto key = path.substr(i, end == std::string_view::npos ? path.size() - i : end - i);
    if (!v->is_object()) return nullptr;
    v = v->get_object().if_contains(key);
    i = end == std::string_view::npos ? path.size() : end;
  }
  return v;
}

bool field_is(const json::value* entry, std::string_view field, std::string_view value) {
  if (!entry || !entry->is_object()) return false;
  const auto* v = entry->get_object().if_contains(field);
  return v && v->is_string() && v->get_string() == value;
}

// The list entry that holds the change (the change itself when a whole entry came or
// went) has field == value before or after.
bool entry_has(const ConfigChange& change, std::string_view field, std::string_view value,
               const json::value& from, const json::value& to) {
  if (field_is(&change.old_value, field, value) || field_is(&change.new_value, field, value))
    return true;
  const auto close = change.path.rfind(']');
  if (close == std::string::npos) return false;
  const auto entry = std::string_view(change.path).substr(0, close + 1);
  return field_is(at_path(from, entry), field, value) || field_is(at_path(to, entry), field, value);
}

bool any_match(std::span<const std::string_view> patterns, std::string_view path) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](std::string_view p) { return path_matches(p, path); });
}

json::array strings_to_json(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

// Every field named `password` is a meter password in clear text (users.hpp); the report's
// JSON form, which travels further than the document (logs, REST answers), masks them.
constexpr std::string_view kSecretKey = "password";
constexpr std::string_view kMasked = "***";

json::value masked(const json::value& v) {
  if (v.is_object()) {
    json::object out;
    for (const auto& kv : v.get_object())
      out[kv.key()] = kv.key() == kSecretKey && !kv.value().is_null() ? json::value(kMasked)
                                                                      : masked(kv.value());
    return out;
  }
  if (v.is_array()) {
    json::array out;
    for (const auto& item : v.get_array()) out.push_back(masked(item));
    return out;
  }
  return v;
}

json::value masked_at(std::string_view path, const json::value& v) {
  const auto dot = path.rfind('.');
  const auto last = dot == std::string_view::npos ? path : path.substr(dot + 1);
  if (last == kSecretKey && !v.is_null()) return json::value(kMasked);
  return masked(v);
}

bool reset_by_mid_rule(ReinitializedData d) {
  // "Changes to the meter that result in a reset of the MID Registers or Load Profile are
  // prohibited" (L382-L384): the MID registers are display registers (L2364-L2394).
  return d == ReinitializedData::display_registers || d == ReinitializedData::load_profile;
}

}  // namespace

bool path_matches(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) return path.empty();
  if (pattern.starts_with("[*]")) {
    if (path.empty() || path[0] != '[') return false;
    std::size_t k = 1;
    while (k < path.size() && std::isdigit(static_cast<unsigned char>(path[k]))) ++k;
    if (k == 1 || k >= path.size() || path[k] != ']') return false;
    return path_matches(pattern.substr(3), path.substr(k + 1));
  }
  if (pattern[0] == '*') {
    for (std::size_t k = 0; k <= path.size(); ++k)
      if (path_matches(pattern.substr(1), path.substr(k))) return true;
    return false;
  }
  return !path.empty() && pattern[0] == path[0] && path_matches(pattern.substr(1), path.substr(1));
}

std::span<const ReinitRule> reinitialization_rules() {
  return kRules;
}

std::vector<std::string> privileges_for_section(std::string_view section) {
  std::vector<std::string> out;
  if (const auto* a = find_access(section)) {
    for (auto p : a->own) out.emplace_back(p);
    for (auto p : a->linked)
      if (std::find(out.begin(), out.end(), p) == out.end()) out.emplace_back(p);
  }
  return out;
}

bool mid_locked_section(std::string_view section) {
  const auto* a = find_access(section);
  if (!a) return false;
  return std::any_of(a->own.begin(), a->own.end(), [](std::string_view p) {
    return std::find(std::begin(kMidLocked), std::end(kMidLocked), p) != std::end(kMidLocked);
  });
}

std::vector<std::string> ImpactReport::mid_refused_sections() const {
  std::vector<std::string> out;
  if (!mid) return out;
  for (const auto& s : sections)
    if (s.mid_locked && s.writable_by_push) out.push_back(s.section);
  return out;
}

ImpactReport analyse_impact_json(const json::object& from, const json::object& to) {
  ImpactReport report;
  const json::value from_doc(from);
  const json::value to_doc(to);
  // The meter's own hardware is the read-back (`from`); either document saying MID is
  // enough to treat the target as MID.
  for (const auto* doc : {&from_doc, &to_doc})
    if (const auto* m = at_path(*doc, "hardware.mid"); m && m->is_bool() && m->get_bool())
      report.mid = true;

  std::vector<ConfigChange> changes;
  diff_json(from_doc, to_doc, "", changes);

  // Sections in document order: `from`'s keys, then keys only `to` has.
  std::vector<std::string> order;
  for (const auto& kv : from) order.emplace_back(kv.key());
  for (const auto& kv : to)
    if (!from.contains(kv.key())) order.emplace_back(kv.key());

  constexpr std::size_t kData = EnumText<ReinitializedData>::names.size();
  std::array<std::vector<std::string>, kData> because;

  for (const auto& name : order) {
    SectionImpact impact;
    impact.section = name;
    for (const auto& c : changes)
      if (top_section(c.path) == name) impact.changes.push_back(c);
    if (impact.changes.empty()) continue;
    impact.writable_by_push = name != "hardware";
    impact.privileges = privileges_for_section(name);
    impact.mid_locked = mid_locked_section(name);

    for (const auto& c : impact.changes) {
      if (!impact.writable_by_push) break;
      for (const auto& rule : kRules) {
        if (!any_match(rule.paths, c.path)) continue;
        if (!rule.entry_field.empty() &&
            !entry_has(c, rule.entry_field, rule.entry_value, from_doc, to_doc))
          continue;
        auto& list = because[static_cast<std::size_t>(rule.data)];
        if (std::find(list.begin(), list.end(), c.path) == list.end()) list.push_back(c.path);
        if (reset_by_mid_rule(rule.data)) impact.mid_locked = true;
      }
      for (const auto& rule : kDestructive) {
        if (!path_matches(rule.pattern, c.path)) continue;
        if (rule.only_when_turned_on && c.new_value != json::value(true)) continue;
        const bool seen = std::any_of(
            report.destructive.begin(), report.destructive.end(),
            [&](const DestructiveChange& d) { return d.path == c.path && d.why == rule.why; });
        if (!seen)
          report.destructive.push_back({c.path, std::string(rule.why), std::string(rule.seed)});
      }
    }
    report.sections.push_back(std::move(impact));
  }

  for (const auto& [data, text] : EnumText<ReinitializedData>::names) {
    (void)text;
    auto& list = because[static_cast<std::size_t>(data)];
    if (!list.empty())
      report.reinitialized.push_back({data, std::move(list), std::string(reinit_seed(data))});
  }
  return report;
}

ImpactReport analyse_impact(const MeterConfiguration& from, const MeterConfiguration& to) {
  return analyse_impact_json(to_json(from), to_json(to));
}

json::object to_json(const ImpactReport& report) {
  json::array sections;
  for (const auto& s : report.sections) {
    json::array changes;
    for (const auto& c : s.changes)
      changes.push_back(json::object{{"path", c.path},
                                     {"old", masked_at(c.path, c.old_value)},
                                     {"new", masked_at(c.path, c.new_value)}});
    sections.push_back(json::object{{"section", s.section},
                                    {"changes", std::move(changes)},
                                    {"mid_locked", s.mid_locked},
                                    {"privileges", strings_to_json(s.privileges)},
                                    {"writable_by_push", s.writable_by_push}});
  }
  json::array reinitialized;
  for (const auto& r : report.reinitialized)
    reinitialized.push_back(json::object{
        {"data", to_text(r.data)}, {"because", strings_to_json(r.because)}, {"seed", r.seed}});
  json::array destructive;
  for (const auto& d : report.destructive)
    destructive.push_back(json::object{{"path", d.path}, {"why", d.why}, {"seed", d.seed}});
  json::object out;
  out["sections"] = std::move(sections);
  out["reinitialized"] = std::move(reinitialized);
  out["destructive"] = std::move(destructive);
  out["mid"] = report.mid;
  out["needs_confirmation"] = report.needs_confirmation();
  out["mid_refused_sections"] = strings_to_json(report.mid_refused_sections());
  return out;
}

}  // namespace jemhead::config
