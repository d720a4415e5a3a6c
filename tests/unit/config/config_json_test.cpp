// The document in JSON: factory defaults round trip, missing keys take defaults, unknown
// keys and wrong types are reported with their path, every problem comes at once.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <string_view>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

namespace json = boost::json;

MeterConfiguration busy_configuration() {
  MeterConfiguration c;
  c.identification.fields[0].value = "MV90-0042";
  c.primary.form = MeterForm::f5;
  c.primary.connection_type = ConnectionType::three_wire_delta;
  c.primary.pq_voltage_measurement = VoltageBasis::line_line;
  c.primary.vt_primary = 14'400;
  c.primary.vt_secondary = 120;
  c.primary.ct_primary = 600;
  c.primary.ct_secondary = 5;
  c.primary.nominal_current_secondary = 5;
  c.primary.gain_correction.phase_b.voltage = {-0.37, 0.12};
  c.primary.gain_correction.phase_b.current_segments = {{1.0, 0.25, -0.05}, {2.5, 0.1, 0.0}};
  c.hardware.options.dual_load_profile = true;  // profile 2 needs it
  c.load_profile.profiles.resize(2);
  c.load_profile.profiles[1].interval_kind = LpIntervalKind::daily;
  LpChannel vars;
  vars.type = LpChannelType::instantaneous;
  vars.quantity = LpQuantity::vars;
  vars.phase = LpPhase::a;
  vars.direction = LpDirection::q4;
  vars.km = 0.125;
  vars.tlc = true;
  c.load_profile.profiles[1].channels = {LpChannel{}, vars};
  c.demands.interval_minutes = 30;
  c.demands.subinterval_minutes = 10;
  return c;
}

TEST(ConfigJson, FactoryDefaultsRoundTrip) {
  const MeterConfiguration defaults;
  const auto r = from_json(to_json(defaults));
  EXPECT_TRUE(r.problems.empty()) << r.problems.front().path;
  EXPECT_EQ(r.config, defaults);
}

TEST(ConfigJson, ChangedConfigurationRoundTripsThroughText) {
  const auto c = busy_configuration();
  ASSERT_TRUE(validate(c).empty());
  const auto text = json::serialize(to_json(c));
  const auto r = from_json_text(text);
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.config, c);
  EXPECT_NE(r.config, MeterConfiguration{});
}

TEST(ConfigJson, DocumentSpellsEnumerationsAsTheirTexts) {
  const auto j = to_json(busy_configuration());
  const auto& p = j.at("primary").as_object();
  EXPECT_EQ(p.at("form").as_string(), "5");
  EXPECT_EQ(p.at("connection_type").as_string(), "3_wire_delta");
  EXPECT_EQ(p.at("pq_voltage_measurement").as_string(), "L-L");
  EXPECT_EQ(p.at("class_amps").as_int64(), 20);
  const auto& ch = j.at("load_profile").at("profiles").at(1).at("channels").at(1).as_object();
  EXPECT_EQ(ch.at("direction").as_string(), "Q4");
  EXPECT_EQ(ch.at("km").as_double(), 0.125);
  EXPECT_EQ(ch.at("tlc").as_bool(), true);
}

TEST(ConfigJson, MissingKeysTakeFactoryDefaults) {
  auto r = from_json(json::parse("{}"));
  EXPECT_TRUE(r.problems.empty());
  EXPECT_EQ(r.config, MeterConfiguration{});

  r = from_json(json::parse(
      R"({"primary": {"ct_primary": 600, "ct_secondary": 5},
          "load_profile": {"profiles": [{"channels": [{"km": 2.5}]}]}})"));
  EXPECT_TRUE(r.problems.empty());
  MeterConfiguration expected;
  expected.primary.ct_primary = 600;
  expected.primary.ct_secondary = 5;
  expected.load_profile.profiles[0].channels.resize(1);
  expected.load_profile.profiles[0].channels[0].km = 2.5;
  EXPECT_EQ(r.config, expected);
}

TEST(ConfigJson, UnknownKeysReportedWithTheirPath) {
  const auto r = from_json(json::parse(
      R"({"primary": {"ct_primry": 600},
          "tou": {},
          "load_profile": {"profiles": [{"channels": [{}, {"kmm": 1}]}]}})"));
  EXPECT_EQ(summary(r.problems),
            (std::vector<Expected>{{"primary.ct_primry", "unknown_key", ""},
                                   {"load_profile.profiles[0].channels[1].kmm", "unknown_key", ""},
                                   {"tou", "unknown_key", ""}}));
  EXPECT_EQ(r.config, [] {
    MeterConfiguration c;
    c.load_profile.profiles[0].channels.resize(2);
    return c;
  }());
}

TEST(ConfigJson, WrongTypesReportedWithPathAndSeed) {
  const auto r = read_json(json::parse(
      R"({"identification": {"fields": "ten of them"},
          "primary": {"ct_primary": "600", "class_amps": 20.5, "frequency_hz": 4294967296,
                      "connection_type": "4 wire wye", "measurement_units": [],
                      "gain_correction": {"phase_a": {"current_segments": [1]}}},
          "load_profile": {"profiles": [{"freeze_markers": 1, "interval_minutes": "15"}]},
          "demands": null})"));
  // In document order, the order the description lists the fields.
  auto got = summary(r.problems);
  std::vector<Expected> want{
      {"identification.fields", "type", "L2451"},
      {"primary.class_amps", "type", "L2497-L2506, L13428"},
      {"primary.connection_type", "enum", "L2508-L2512, L13432"},
      {"primary.frequency_hz", "type", "L2514-L2516, L13434"},
      {"primary.ct_primary", "type", "L2536, L13446"},
      {"primary.measurement_units", "type", "L2601-L2609"},
      {"primary.gain_correction.phase_a.current_segments[0]", "type", "L2654, L2660-L2661"},
      {"load_profile.profiles[0].interval_minutes", "type", "L3320-L3326, L13492"},
      {"load_profile.profiles[0].freeze_markers", "type", "L3340-L3346, L13496"},
      {"demands", "type", "L3479-L3572"},
  };
  EXPECT_EQ(got, want);
  // Fields with a problem keep their factory default.
  const PrimaryConfiguration defaults;
  EXPECT_EQ(r.config.primary.ct_primary, defaults.ct_primary);
  EXPECT_EQ(r.config.primary.class_amps, defaults.class_amps);
  EXPECT_EQ(r.config.primary.connection_type, defaults.connection_type);
  EXPECT_EQ(r.config.identification, MeterIdentification{});
}

TEST(ConfigJson, RootMustBeAnObjectAndTextMustParse) {
  EXPECT_EQ(summary(from_json(json::parse("[1,2]")).problems),
            (std::vector<Expected>{{"", "type", ""}}));
  const auto r = from_json_text(R"({"primary": {)");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].rule, "syntax");
  EXPECT_EQ(r.config, MeterConfiguration{});
}

TEST(ConfigJson, EveryProblemAtOnceAcrossSectionsAndKinds) {
  // Reading problems, field limits and cross-field rules in four sections, one pass.
  const auto r = from_json(json::parse(R"({
      "identification": {"fields": [{"title": "MV90 Meter ID", "value": "0123456789012345678901234"}]},
      "primary": {"form": "5", "frequency_hz": 55, "colour": "red",
                  "gain_correction": {"phase_c": {"voltage": {"angle_deg": 7}}}},
      "load_profile": {"profiles": [{"interval_minutes": 0,
                                     "channels": [{"quantity": "volts", "direction": "delivered"}]}]},
      "demands": {"subinterval_minutes": 4}})"));
  EXPECT_EQ(
      summary(r.problems),
      (std::vector<Expected>{
          {"primary.colour", "unknown_key", ""},
          {"identification.fields", "count", "L2451"},
          {"identification.fields[0].value", "max_length", "L2451-L2453"},
          {"primary.frequency_hz", "enum", "L2514-L2516, L13434"},
          {"primary.gain_correction.phase_c.voltage.angle_deg", "range", "L2665-L2666"},
          {"load_profile.profiles[0].interval_minutes", "range", "L3320-L3326, L13492"},
          {"primary.connection_type", "connection_type_for_form", "L2508-L2512, L6926-L6931"},
          {"load_profile.profiles[0].channels[0].quantity", "lp_quantity_for_type", "L3395-L3413"},
          {"load_profile.profiles[0].channels[0].direction", "lp_direction_for_quantity",
           "L3431-L3439"},
          {"demands.subinterval_minutes", "demand_subinterval_divides_interval", "L3501-L3521"},
      }));
}

TEST(ConfigJson, CrossFieldRuleCatalogueNamesEveryRuleOnce) {
  // Every section adds its own; at least the first sections' ten are there.
  const auto rules = cross_field_rules();
  ASSERT_GE(rules.size(), 10u);
  std::set<std::string_view> names;
  for (const auto& r : rules) {
    EXPECT_FALSE(r.seed.empty()) << r.name;
    EXPECT_EQ(r.seed.front(), 'L') << r.name;
    names.insert(r.name);
  }
  EXPECT_EQ(names.size(), rules.size());
  EXPECT_TRUE(names.count("lp_phase_for_quantity"));
  EXPECT_TRUE(names.count("demand_subinterval_divides_interval"));
  EXPECT_TRUE(names.count("ansi_only_option"));
}

}  // namespace
}  // namespace jemhead::config::test
