// What a push does to the meter: re-initialised data (manual L306-L376), destructive
// changes, MID-locked sections (L380-L452) and privileges incl. linked screens
// (L7146-L7185). Cases work on JSON documents: `replace` only edits fields the document
// has (so a renamed field fails the test), `add` creates keys (documents from older or
// newer versions, whose extra keys still belong to their section).
#include "core/config/config_impact.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace jemhead::config::test {
namespace {

namespace json = boost::json;

json::value* walk(json::object& doc, std::string_view path, bool create) {
  json::value* v = nullptr;
  json::object* obj = &doc;
  std::size_t i = 0;
  while (i <= path.size()) {
    const auto end = std::min(path.find('.', i), path.size());
    auto key = path.substr(i, end - i);
    std::size_t index = std::string_view::npos;
    if (const auto open = key.find('['); open != std::string_view::npos) {
      index = std::stoul(std::string(key.substr(open + 1)));
      key = key.substr(0, open);
    }
    if (!obj) return nullptr;
    if (!obj->contains(key)) {
      if (!create) return nullptr;
      (*obj)[key] = json::object{};
    }
    v = &(*obj)[key];
    if (index != std::string_view::npos) {
      if (!v->is_array() || index >= v->get_array().size()) return nullptr;
      v = &v->get_array()[index];
    }
    obj = v->if_object();
    i = end + 1;
  }
  return v;
}

// Changes a field the typed document already has (fails the test if the path is wrong).
void replace(json::object& doc, std::string_view path, json::value value) {
  auto* v = walk(doc, path, false);
  ASSERT_NE(v, nullptr) << "no field " << path;
  *v = std::move(value);
}
// Sets a key, creating it (sections whose fields are not described yet).
void add(json::object& doc, std::string_view path, json::value value) {
  *walk(doc, path, true) = std::move(value);
}

// A document with digital I/O channels (channel n gets selections[n-1]).
json::object with_io(std::vector<DioSelection> selections) {
  MeterConfiguration c;
  c.hardware.options.digital_io = true;
  int number = 0;
  for (auto sel : selections) {
    DioChannel ch;
    ch.number = ++number;
    ch.input_output = is_input_selection(sel) ? DioMode::input : DioMode::output;
    ch.selection = sel;
    c.input_output.digital_io.push_back(ch);
  }
  return to_json(c);
}

using Reinit = std::pair<std::string, std::vector<std::string>>;

struct ImpactCase {
  std::string name;
  std::function<void(json::object& from, json::object& to)> change;
  std::vector<std::string> sections;     // changed sections, document order
  std::vector<Reinit> reinitialized;     // data -> because
  std::vector<std::string> destructive;  // paths
  bool needs_confirmation;
  std::vector<std::string> mid_refused = {};
};

std::vector<std::string> section_names(const ImpactReport& r) {
  std::vector<std::string> out;
  for (const auto& s : r.sections) out.push_back(s.section);
  return out;
}
std::vector<Reinit> reinit_summary(const ImpactReport& r) {
  std::vector<Reinit> out;
  for (const auto& x : r.reinitialized) out.emplace_back(std::string(to_text(x.data)), x.because);
  return out;
}
std::vector<std::string> destructive_paths(const ImpactReport& r) {
  std::vector<std::string> out;
  for (const auto& d : r.destructive) out.push_back(d.path);
  return out;
}

const std::vector<std::string> kDrLp = {"display_registers", "load_profile"};

TEST(ConfigImpact, ReinitializationFollowsTheManualsLists) {
  const std::vector<ImpactCase> cases{
      {"no change", [](auto&, auto&) {}, {}, {}, {}, false},
      // Pages that re-initialise nothing (L306-L376 list none of them).
      {"identification changes re-initialise nothing",
       [](auto&, auto& to) { replace(to, "identification.fields[0].value", "SUB-12"); },
       {"identification"},
       {},
       {},
       false},
      {"communication, protocols, display and users re-initialise nothing",
       [](auto&, auto& to) {
         replace(to, "communication.optical_port_1.baud_rate", 19200);
         replace(to, "protocols.modbus_slave.frame_timeout_ms", 500);
         replace(to, "display.scroll_rate_seconds", 5);
         replace(to, "users.admin.password", "n3w-secret");
       },
       {"communication", "protocols", "display", "users"},
       {},
       {},
       false},
      // Primary Scaling settings: display registers and load profile (L341, L358).
      {"CT primary (VT/CT ratio) re-initialises registers and load profile",
       [](auto&, auto& to) { replace(to, "primary.ct_primary", 600.0); },
       {"primary"},
       {{"display_registers", {"primary.ct_primary"}}, {"load_profile", {"primary.ct_primary"}}},
       {},
       true},
      {"VT secondary too",
       [](auto&, auto& to) { replace(to, "primary.vt_secondary", 120.0); },
       {"primary"},
       {{"display_registers", {"primary.vt_secondary"}},
        {"load_profile", {"primary.vt_secondary"}}},
       {},
       true},
      {"measurement units are the register scaling (L2603)",
       [](auto&, auto& to) { replace(to, "primary.measurement_units.watts_va", "kilo"); },
       {"primary"},
       {{"display_registers", {"primary.measurement_units.watts_va"}},
        {"load_profile", {"primary.measurement_units.watts_va"}}},
       {},
       true},
      {"nominal voltage and gain correction are not scaling",
       [](auto&, auto& to) {
         replace(to, "primary.nominal_voltage_secondary", 240.0);
         replace(to, "primary.gain_correction.phase_a.voltage.magnitude_pct", 0.5);
       },
       {"primary"},
       {},
       {},
       false},
      // Demand settings: display registers only; interval timing also load profile.
      {"thermal time is a demand setting, not interval timing",
       [](auto&, auto& to) { replace(to, "demands.thermal_time_minutes", 30); },
       {"demands"},
       {{"display_registers", {"demands.thermal_time_minutes"}}},
       {},
       true},
      {"demand interval is interval timing",
       [](auto&, auto& to) { replace(to, "demands.interval_minutes", 30); },
       {"demands"},
       {{"display_registers", {"demands.interval_minutes"}},
        {"load_profile", {"demands.interval_minutes"}}},
       {},
       true},
      {"demand sync starts intervals",
       [](auto&, auto& to) { replace(to, "demands.demand_sync", true); },
       {"demands"},
       {{"display_registers", {"demands.demand_sync"}}, {"load_profile", {"demands.demand_sync"}}},
       {},
       true},
      {"load profile interval re-initialises the registers too (L345)",
       [](auto&, auto& to) { replace(to, "load_profile.profiles[0].interval_minutes", 5); },
       {"load_profile"},
       {{"display_registers", {"load_profile.profiles[0].interval_minutes"}},
        {"load_profile", {"load_profile.profiles[0].interval_minutes"}}},
       {},
       true},
      {"a new channel is a channel assignment",
       [](auto&, auto& to) {
         auto& channels = walk(to, "load_profile.profiles[0].channels", false)->as_array();
         channels.push_back(json::object{{"type", "consumption"}});
       },
       {"load_profile"},
       {{"load_profile", {"load_profile.profiles[0].channels[0]"}}},
       {},
       true},
      {"a channel's Km is part of its assignment",
       [](auto& from, auto& to) {
         const json::value ch = json::object{{"km", 1.0}};
         replace(from, "load_profile.profiles[0].channels", json::array{ch});
         replace(to, "load_profile.profiles[0].channels", json::array{ch});
         replace(to, "load_profile.profiles[0].channels[0].km", 0.5);
       },
       {"load_profile"},
       {{"load_profile", {"load_profile.profiles[0].channels[0].km"}}},
       {},
       true},
      {"adding load profile 2",
       [](auto&, auto& to) {
         auto& profiles = walk(to, "load_profile.profiles", false)->as_array();
         profiles.push_back(profiles[0]);
       },
       {"load_profile"},
       {{"load_profile", {"load_profile.profiles[1]"}}},
       {},
       true},
      {"LP contents and units re-initialise nothing",
       [](auto&, auto& to) {
         replace(to, "load_profile.profiles[0].contents", "data_only");
         replace(to, "load_profile.profiles[0].data_units", "engineering_units");
       },
       {"load_profile"},
       {},
       {},
       false},
      // Destructive without re-initialisation.
      {"freeze markers on cost LP storage (L3344)",
       [](auto& from, auto&) { replace(from, "load_profile.profiles[0].freeze_markers", false); },
       {"load_profile"},
       {},
       {"load_profile.profiles[0].freeze_markers"},
       true},
      {"freeze markers off lose nothing",
       [](auto&, auto& to) { replace(to, "load_profile.profiles[0].freeze_markers", false); },
       {"load_profile"},
       {},
       {},
       false},
      {"BPR schedule resets cumulative registers (L2941)",
       [](auto&, auto& to) {
         replace(to, "timekeeping.automatic_billing_period_reset.recurrence", "monthly");
       },
       {"timekeeping"},
       {},
       {"timekeeping.automatic_billing_period_reset.recurrence"},
       true},
      {"freeze schedule loses nothing",
       [](auto&, auto& to) {
         replace(to, "timekeeping.automatic_register_freeze.recurrence", "daily");
       },
       {"timekeeping"},
       {},
       {},
       false},
      // Display lists and self read.
      {"a new Normal register",
       [](auto&, auto& to) {
         replace(to, "display_registers.normal", json::array{json::object{{"id", 0}}});
       },
       {"display_registers"},
       {{"display_registers", {"display_registers.normal[0]"}}},
       {},
       true},
      {"self read interval (L339, L3942)",
       [](auto&, auto& to) { replace(to, "display_registers.self_read_interval", "monthly"); },
       {"display_registers"},
       {{"display_registers", {"display_registers.self_read_interval"}}},
       {},
       true},
      {"a self-read setting kept on the Timekeeping page (older documents)",
       [](auto&, auto& to) { add(to, "timekeeping.self_read_registers", "daily"); },
       {"timekeeping"},
       {{"display_registers", {"timekeeping.self_read_registers"}}},
       {},
       true},
      {"DST table re-initialises nothing",
       [](auto&, auto& to) {
         replace(to, "timekeeping.dst_enabled", true);
         replace(to, "timekeeping.dst_changes", json::array{json::object{{"year", 2030}}});
       },
       {"timekeeping"},
       {},
       {},
       false},
      // Energy pulses: both the Energy Pulse feature and (as written) the measurement log.
      {"energy pulse quantity",
       [](auto& from, auto& to) {
         from = with_io({DioSelection::status_input, DioSelection::energy_pulse});
         to = from;
         replace(to, "input_output.digital_io[1].energy_pulse.quantity", "var_hours");
       },
       {"input_output"},
       {{"energy_pulses", {"input_output.digital_io[1].energy_pulse.quantity"}},
        {"measurement_logs", {"input_output.digital_io[1].energy_pulse.quantity"}}},
       {},
       true},
      {"a channel becoming an energy pulse output",
       [](auto& from, auto& to) {
         from = with_io({DioSelection::status_input});
         to = with_io({DioSelection::energy_pulse});
       },
       {"input_output"},
       {{"energy_pulses",
         {"input_output.digital_io[0].input_output", "input_output.digital_io[0].selection"}},
        {"measurement_logs",
         {"input_output.digital_io[0].input_output", "input_output.digital_io[0].selection"}}},
       {},
       true},
      {"an energy pulse output added",
       [](auto& from, auto& to) {
         from = with_io({DioSelection::status_input});
         to = with_io({DioSelection::status_input, DioSelection::energy_pulse});
       },
       {"input_output"},
       {{"energy_pulses", {"input_output.digital_io[1]"}},
        {"measurement_logs", {"input_output.digital_io[1]"}}},
       {},
       true},
      {"other I/O channels re-initialise nothing",
       [](auto& from, auto& to) {
         from = with_io({DioSelection::status_input, DioSelection::energy_pulse});
         to = with_io({DioSelection::interval_sync, DioSelection::energy_pulse});
         replace(to, "input_output.digital_io[0].energy_pulse.pulse_weight", 2.0);  // unused
         replace(to, "input_output.analog_output_type", "ma_4_20");
       },
       {"input_output"},
       {},
       {},
       false},
      {"measurement log channels (our reading of L371-L376)",
       [](auto&, auto& to) {
         replace(to, "measurement_log.groups", json::array{json::object{{"number", 1}}});
         replace(to, "measurement_log.recording_interval_2", "minutes_5");
       },
       {"measurement_log"},
       {{"measurement_logs",
         {"measurement_log.recording_interval_2", "measurement_log.groups[0]"}}},
       {},
       true},
      // Hardware describes the meter: shown, never written, no rule applies.
      {"hardware is not written",
       [](auto&, auto& to) { replace(to, "hardware.options.dual_load_profile", true); },
       {"hardware"},
       {},
       {},
       false},
      // Several pages: document order, each data once with every cause.
      {"several pages",
       [](auto&, auto& to) {
         replace(to, "demands.interval_minutes", 30);
         replace(to, "primary.ct_primary", 400.0);
         replace(to, "identification.fields[1].value", "Main St");
       },
       {"identification", "primary", "demands"},
       {{"display_registers", {"primary.ct_primary", "demands.interval_minutes"}},
        {"load_profile", {"primary.ct_primary", "demands.interval_minutes"}}},
       {},
       true},
      // MID meters (L380-L452): locked pages are refused, allowed pages go through.
      {"MID: allowed pages only",
       [](auto& from, auto& to) {
         replace(from, "hardware.mid", true);
         replace(to, "hardware.mid", true);
         replace(to, "identification.fields[0].value", "SUB-12");
         replace(to, "communication.optical_port_1.baud_rate", 19200);
         replace(to, "measurement_log.recording_interval_1", "minutes_5");
       },
       {"identification", "measurement_log", "communication"},
       {{"measurement_logs", {"measurement_log.recording_interval_1"}}},
       {},
       true,
       {}},
      {"MID: locked pages refused",
       [](auto& from, auto& to) {
         replace(from, "hardware.mid", true);
         replace(to, "hardware.mid", true);
         replace(to, "identification.fields[0].value", "SUB-12");
         replace(to, "primary.gain_correction.phase_b.voltage.angle_deg", 0.1);
         replace(to, "load_profile.profiles[0].contents", "data_only");
         replace(to, "triggers.triggers[0].enabled", true);
         replace(to, "protocols.modbus_slave.frame_timeout_ms", 500);
       },
       {"identification", "primary", "load_profile", "triggers", "protocols"},
       {},
       {},
       false,
       {"primary", "load_profile", "triggers"}},
      {"MID: self-read changes reset registers (L382-L384)",
       [](auto& from, auto& to) {
         replace(from, "hardware.mid", true);
         replace(to, "hardware.mid", true);
         add(to, "timekeeping.self_read_registers", "daily");
         replace(to, "display_registers.self_read_interval", "hourly");
       },
       {"display_registers", "timekeeping"},
       {{"display_registers",
         {"display_registers.self_read_interval", "timekeeping.self_read_registers"}}},
       {},
       true,
       {"display_registers", "timekeeping"}},
      {"non-MID meter refuses nothing",
       [](auto&, auto& to) { replace(to, "primary.ct_primary", 600.0); },
       {"primary"},
       {{"display_registers", {"primary.ct_primary"}}, {"load_profile", {"primary.ct_primary"}}},
       {},
       true,
       {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto from = to_json(MeterConfiguration{});
    auto to = from;
    c.change(from, to);
    const auto report = analyse_impact_json(from, to);
    EXPECT_EQ(section_names(report), c.sections);
    EXPECT_EQ(reinit_summary(report), c.reinitialized);
    EXPECT_EQ(destructive_paths(report), c.destructive);
    EXPECT_EQ(report.needs_confirmation(), c.needs_confirmation);
    EXPECT_EQ(report.mid_refused_sections(), c.mid_refused);
    for (const auto& s : report.sections) {
      EXPECT_FALSE(s.changes.empty()) << s.section;
      EXPECT_EQ(s.writable_by_push, s.section != "hardware") << s.section;
      EXPECT_EQ(s.privileges, privileges_for_section(s.section)) << s.section;
    }
  }
}

// The manual's privilege names (MID lists L389-L427) and linked screens (L7146-L7185).
TEST(ConfigImpact, SectionPrivilegesAndMidLocks) {
  struct Row {
    std::string section;
    std::vector<std::string> privileges;
    bool mid_locked;
  };
  const std::string protocol = "Configure Protocol Settings";
  const std::string io = "Configure Input/Output Settings";
  const std::string pq = "Configure Power Quality Settings";
  const std::vector<Row> rows{
      {"hardware", {}, false},
      {"identification", {"Configure Meter Identification"}, false},
      {"primary", {"Configure Primary/PTCT Settings", "Configure Transformer Correction"}, true},
      {"display_registers", {"Configure Display Registers", protocol, io}, true},
      {"load_profile", {"Configure Load Profile"}, true},
      {"demands", {"Configure Demand Settings"}, true},
      {"measurement_log", {pq}, false},
      {"time_of_use", {"Configure TOU/DST settings"}, true},
      {"timekeeping", {"Configure TOU/DST settings"}, true},
      {"input_output", {io, protocol}, true},
      {"triggers", {"Configure Trigger Settings", protocol, pq}, true},
      {"status_word", {"Configure Trigger Settings"}, true},
      {"communication", {"Configure Communication Settings"}, false},
      {"protocols", {protocol}, false},
      {"display", {"Configure Display Settings"}, false},
      {"loss_compensation", {"Configure Loss Compensation"}, true},
      {"users", {"Configure User Admin"}, false},
  };
  // Every section of the document has a row, in document order.
  std::vector<std::string> sections;
  for (const auto& kv : to_json(MeterConfiguration{})) sections.emplace_back(kv.key());
  std::vector<std::string> listed;
  for (const auto& r : rows) listed.push_back(r.section);
  EXPECT_EQ(listed, sections);
  for (const auto& r : rows) {
    SCOPED_TRACE(r.section);
    EXPECT_EQ(privileges_for_section(r.section), r.privileges);
    EXPECT_EQ(mid_locked_section(r.section), r.mid_locked);
  }
  EXPECT_TRUE(privileges_for_section("no_such_section").empty());
  EXPECT_FALSE(mid_locked_section("no_such_section"));
}

TEST(ConfigImpact, PathPatterns) {
  struct Row {
    std::string pattern;
    std::string path;
    bool matches;
  };
  const std::vector<Row> rows{
      {"primary.ct_primary", "primary.ct_primary", true},
      {"primary.ct_primary", "primary.ct_primary_x", false},
      {"demands.*", "demands.interval_minutes", true},
      {"demands.*", "demandsx.interval_minutes", false},
      {"load_profile.profiles[*].channels*", "load_profile.profiles[1].channels[12].km", true},
      {"load_profile.profiles[*].channels*", "load_profile.profiles[1].channels", true},
      {"load_profile.profiles[*].channels*", "load_profile.profiles[].channels", false},
      {"load_profile.profiles[*].channels*", "load_profile.profiles[x].channels", false},
      {"load_profile.profiles[*]", "load_profile.profiles[1]", true},
      {"load_profile.profiles[*]", "load_profile.profiles[1].channels[0]", false},
      {"display_registers.*self_read*", "display_registers.normal[3].self_read", true},
      {"display_registers.*self_read*", "display_registers.normal[3].screen", false},
  };
  for (const auto& r : rows)
    EXPECT_EQ(path_matches(r.pattern, r.path), r.matches) << r.pattern << " ~ " << r.path;
  // Every rule names a manual line and at least one pattern.
  for (const auto& rule : reinitialization_rules()) {
    EXPECT_FALSE(rule.seed.empty()) << rule.name;
    EXPECT_FALSE(rule.paths.empty()) << rule.name;
  }
}

TEST(ConfigImpact, TypedDocumentsMatchTheJsonAnalysis) {
  MeterConfiguration from;
  auto to = from;
  to.primary.ct_primary = 600;
  to.load_profile.profiles[0].channels.resize(1);
  const auto typed = analyse_impact(from, to);
  const auto via_json = analyse_impact_json(to_json(from), to_json(to));
  EXPECT_EQ(to_json(typed), to_json(via_json));
  EXPECT_EQ(reinit_summary(typed),
            (std::vector<Reinit>{
                {"display_registers", {"primary.ct_primary"}},
                {"load_profile", {"primary.ct_primary", "load_profile.profiles[0].channels[0]"}}}));
}

TEST(ConfigImpact, ToJson) {
  MeterConfiguration from;
  from.hardware.mid = true;
  from.load_profile.profiles[0].freeze_markers = false;
  auto to = from;
  to.primary.ct_primary = 600;
  to.load_profile.profiles[0].freeze_markers = true;
  to.users.admin.password = "s3cret";
  const auto out = to_json(analyse_impact(from, to));
  const auto expected = json::parse(R"({
    "sections": [
      {"section": "primary",
       "changes": [{"path": "primary.ct_primary", "old": 1.0, "new": 600.0}],
       "mid_locked": true,
       "privileges": ["Configure Primary/PTCT Settings", "Configure Transformer Correction"],
       "writable_by_push": true},
      {"section": "load_profile",
       "changes": [{"path": "load_profile.profiles[0].freeze_markers", "old": false, "new": true}],
       "mid_locked": true,
       "privileges": ["Configure Load Profile"],
       "writable_by_push": true},
      {"section": "users",
       "changes": [{"path": "users.admin.password", "old": "***", "new": "***"}],
       "mid_locked": false,
       "privileges": ["Configure User Admin"],
       "writable_by_push": true}],
    "reinitialized": [
      {"data": "display_registers", "because": ["primary.ct_primary"], "seed": "L323-L345"},
      {"data": "load_profile", "because": ["primary.ct_primary"], "seed": "L348-L360"}],
    "destructive": [
      {"path": "load_profile.profiles[0].freeze_markers",
       "why": "Freeze markers use load profile memory: fewer days of load profile storage",
       "seed": "L3340-L3346"}],
    "mid": true,
    "needs_confirmation": true,
    "mid_refused_sections": ["primary", "load_profile"]
  })");
  EXPECT_EQ(json::value(out), expected) << json::serialize(out);
}

TEST(ConfigImpact, ToJsonMasksPasswordsInWholeEntries) {
  MeterConfiguration from;
  auto to = from;
  ASSERT_FALSE(to.users.users.empty());
  to.users.users.push_back(to.users.users.front());
  const auto out = to_json(analyse_impact(from, to));
  const auto& change = out.at("sections").at(0).at("changes").at(0);
  EXPECT_EQ(change.at("old"), json::value(nullptr));
  EXPECT_EQ(change.at("new").at("password"), json::value("***"));
  EXPECT_EQ(change.at("new").at("username"), json::value(to.users.users.front().username));
  // The report itself keeps the values (the push needs them).
  const auto report = analyse_impact(from, to);
  EXPECT_EQ(report.sections.at(0).changes.at(0).new_value.at("password"),
            json::value(to.users.users.front().password));
}

}  // namespace
}  // namespace jemhead::config::test
