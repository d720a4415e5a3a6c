// MEASUREMENT LOGGING (OPTION): no groups by default, option gating (ML or PQ2/PQ3, PQ
// quantities PQ2/PQ3), counts, per-quantity rules, storage days, schema coverage.
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "core/config/measurement_log_derived.hpp"
#include "core/config/measurement_log_rules.hpp"

namespace jemhead::config::test {
namespace {

MlChannel channel(MlQuantity q, MlPhase phase = MlPhase::a,
                  MlDirection direction = MlDirection::none, int harmonic = 0,
                  MlMethod method = MlMethod::average) {
  MlChannel ch;
  ch.quantity = q;
  ch.phase = phase;
  ch.direction = direction;
  ch.harmonic = harmonic;
  ch.method = method;
  return ch;
}

MlGroup group(int number, std::vector<MlChannel> channels, int interval = 1) {
  MlGroup g;
  g.number = number;
  g.recording_interval = interval;
  g.channels = std::move(channels);
  return g;
}

// A meter with option ML (and PQ2 when asked) and one group of the given channels.
auto log_of(std::vector<MlChannel> channels, bool pq2 = false) {
  return [channels = std::move(channels), pq2](MeterConfiguration& c) {
    c.hardware.options.measurement_log = true;
    c.hardware.options.pq2 = pq2;
    c.measurement_log.groups = {group(1, channels)};
  };
}

const std::string kCh = "measurement_log.groups[0].channels[0].";

TEST(ConfigMeasurementLog, FactoryDefaultsHaveNoGroups) {
  const MeasurementLog ml;
  EXPECT_TRUE(ml.groups.empty());
  EXPECT_EQ(ml.recording_interval_1, MlRecordingInterval::minutes_15);
  EXPECT_EQ(summary(validate(MeterConfiguration{})), std::vector<Expected>{});
}

TEST(ConfigMeasurementLog, ValidationTable) {
  const std::string pq = "ml_quantity_needs_pq2_pq3";
  const std::string order = "ml_harmonic_order";
  const std::string phase = "ml_phase_for_quantity";
  const std::string direction = "ml_direction_for_quantity";
  const std::string seed = "L3705-L3711";
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      {"phase A volts minimum with option ML",
       log_of({channel(MlQuantity::volts, MlPhase::a, MlDirection::none, 0, MlMethod::minimum)}),
       {}},
      {"channels without ML, PQ2 or PQ3",
       [](MeterConfiguration& c) {
         c.measurement_log.groups = {group(1, {channel(MlQuantity::volts)})};
       },
       {{"measurement_log.groups", "ml_option_required", "L3575-L3581"}}},
      {"option PQ3 alone is enough",
       [](MeterConfiguration& c) {
         c.hardware.options.pq3 = true;
         c.measurement_log.groups = {group(1, {channel(MlQuantity::volts_thd)})};
       },
       {}},
      {"empty groups need no option",
       [](MeterConfiguration& c) { c.measurement_log.groups = {group(1, {})}; },
       {}},
      {"eight groups of 50 (400 channels)",
       [](MeterConfiguration& c) {
         c.hardware.options.measurement_log = true;
         for (int n = 1; n <= 8; ++n)
           c.measurement_log.groups.push_back(
               group(n, std::vector<MlChannel>(50, channel(MlQuantity::amps)), 1 + n % 3));
       },
       {}},
      {"nine groups",
       [](MeterConfiguration& c) {
         for (int n = 1; n <= 9; ++n) c.measurement_log.groups.push_back(group(n % 8 + 1, {}));
       },
       {{"measurement_log.groups", "count", "L3583-L3587, L3604-L3608"},
        {"measurement_log.groups[8].number", "ml_group_numbers_unique",
         "L3583-L3587, L3604-L3606"}}},
      {"51 channels in a group",
       log_of(std::vector<MlChannel>(51, channel(MlQuantity::amps))),
       {{"measurement_log.groups[0].channels", "count", "L3583-L3585, L3604-L3606"}}},
      {"group number 0 and 9, interval 0 and 4",
       [](MeterConfiguration& c) {
         c.measurement_log.groups = {group(0, {}, 0), group(9, {}, 4)};
       },
       {{"measurement_log.groups[0].number", "range", "L3604-L3606"},
        {"measurement_log.groups[0].recording_interval", "range", "L3604-L3608"},
        {"measurement_log.groups[1].number", "range", "L3604-L3606"},
        {"measurement_log.groups[1].recording_interval", "range", "L3604-L3608"}}},
      {"group listed twice",
       [](MeterConfiguration& c) {
         c.measurement_log.groups = {group(3, {}), group(3, {})};
       },
       {{"measurement_log.groups[1].number", "ml_group_numbers_unique",
         "L3583-L3587, L3604-L3606"}}},
      {"unknown recording interval",
       [](MeterConfiguration& c) {
         c.measurement_log.recording_interval_2 = static_cast<MlRecordingInterval>(40);
       },
       {{"measurement_log.recording_interval_2", "enum", "L3604-L3622"}}},
      {"harmonic magnitude without PQ2/PQ3",
       log_of({channel(MlQuantity::volts_harmonic_magnitude, MlPhase::a, MlDirection::none, 3)}),
       {{kCh + "quantity", pq, "L3703-L3705"}}},
      {"flicker, fault and interharmonics without PQ2/PQ3",
       [](MeterConfiguration& c) {
         c.hardware.options.measurement_log = true;
         c.measurement_log.groups = {
             group(1, {channel(MlQuantity::flicker_short_term),
                       channel(MlQuantity::volts_zero_sequence, MlPhase::none),
                       channel(MlQuantity::amps_interharmonic, MlPhase::a, MlDirection::none, 5)})};
       },
       {{"measurement_log.groups[0].channels[0].quantity", pq, "L3703-L3705"},
        {"measurement_log.groups[0].channels[1].quantity", pq, "L3703-L3705"},
        {"measurement_log.groups[0].channels[2].quantity", pq, "L3703-L3705"}}},
      {"contact inputs need no PQ option",
       log_of({channel(MlQuantity::contact_inputs, MlPhase::none, MlDirection::none, 0,
                       MlMethod::snapshot)}),
       {}},
      {"harmonic 64 and interharmonic 50 with PQ2",
       log_of({channel(MlQuantity::amps_harmonic_angle, MlPhase::n, MlDirection::none, 64)}, true),
       {}},
      {"interharmonic 50",
       log_of({channel(MlQuantity::volts_interharmonic, MlPhase::c, MlDirection::none, 50)}, true),
       {}},
      {"harmonic 0",
       log_of({channel(MlQuantity::volts_harmonic_magnitude, MlPhase::a)}, true),
       {{kCh + "harmonic", order, "L3681-L3687, L3715-L3717"}}},
      {"harmonic 65",
       log_of({channel(MlQuantity::volts_harmonic_magnitude, MlPhase::a, MlDirection::none, 65)},
              true),
       {{kCh + "harmonic", "range", "L3681-L3687, L3715-L3717"},
        {kCh + "harmonic", order, "L3681-L3687, L3715-L3717"}}},
      {"interharmonic 51",
       log_of({channel(MlQuantity::volts_interharmonic, MlPhase::a, MlDirection::none, 51)}, true),
       {{kCh + "harmonic", order, "L3681-L3687, L3715-L3717"}}},
      {"harmonic number on THD",
       log_of({channel(MlQuantity::volts_thd, MlPhase::a, MlDirection::none, 3)}, true),
       {{kCh + "harmonic", order, "L3681-L3687, L3715-L3717"}}},
      {"frequency with a phase",
       log_of({channel(MlQuantity::frequency, MlPhase::a)}),
       {{kCh + "phase", phase, seed}}},
      {"volts without a phase",
       log_of({channel(MlQuantity::volts, MlPhase::none)}),
       {{kCh + "phase", phase, seed}}},
      {"neutral amps", log_of({channel(MlQuantity::amps, MlPhase::n)}), {}},
      {"neutral volts",
       log_of({channel(MlQuantity::volts, MlPhase::n)}),
       {{kCh + "phase", phase, seed}}},
      {"polyphase watt-hours delivered total",
       log_of({channel(MlQuantity::watt_hours, MlPhase::polyphase, MlDirection::delivered, 0,
                       MlMethod::total)}),
       {}},
      {"polyphase power factor",
       log_of({channel(MlQuantity::power_factor, MlPhase::polyphase)}),
       {}},
      {"polyphase amps",
       log_of({channel(MlQuantity::amps, MlPhase::polyphase)}),
       {{kCh + "phase", phase, seed}}},
      {"watts without direction",
       log_of({channel(MlQuantity::watts, MlPhase::a)}),
       {{kCh + "direction", direction, seed}}},
      {"volts received",
       log_of({channel(MlQuantity::volts, MlPhase::a, MlDirection::received)}),
       {{kCh + "direction", direction, seed}}},
      {"total of an instantaneous quantity",
       log_of({channel(MlQuantity::volts, MlPhase::a, MlDirection::none, 0, MlMethod::total)}),
       {{kCh + "method", "ml_method_for_quantity", "L3749-L3751, L3709-L3711"}}},
      {"compensated VARs",
       [](MeterConfiguration& c) {
         log_of({channel(MlQuantity::vars, MlPhase::b, MlDirection::received)})(c);
         c.measurement_log.groups[0].channels[0].transformer_compensation = true;
       },
       {}},
      {"compensated volts",
       [](MeterConfiguration& c) {
         log_of({channel(MlQuantity::volts)})(c);
         c.measurement_log.groups[0].channels[0].transformer_compensation = true;
       },
       {{kCh + "transformer_compensation", "ml_transformer_compensation_for_quantity",
         "L3767-L3769, L6819-L6823"}}},
      {"unknown units and scaling",
       [](MeterConfiguration& c) {
         log_of({channel(MlQuantity::volts)})(c);
         c.measurement_log.groups[0].channels[0].units = static_cast<MlUnits>(9);
         c.measurement_log.groups[0].channels[0].scaling = static_cast<ValueScaling>(9);
       },
       {{kCh + "scaling", "enum", "L3707-L3709, L3765-L3767"},
        {kCh + "units", "enum", "L3707-L3709, L3767"}}},
  });
}

TEST(ConfigMeasurementLog, StorageDaysFollowTheManualsExample) {
  MeasurementLog ml;
  ml.recording_interval_2 = MlRecordingInterval::minutes_10;
  ml.recording_interval_3 = MlRecordingInterval::minutes_120;
  const auto fifty_at_10_min = group(1, std::vector<MlChannel>(50), 2);
  // 144 x 50 = 7,200 a day, 1,460,000 / 7,200 = 202.8: "approximately 203 days" (L3638-L3644).
  EXPECT_NEAR(*ml_storage_days(ml, fifty_at_10_min), 202.78, 0.01);
  // One channel every two hours would last 121,666 days: capped at 1,095 (L3631).
  EXPECT_EQ(*ml_storage_days(ml, group(2, {MlChannel{}}, 3)), 1095.0);
  // 150/180 cycles = every 3 s: 28,800 a day per channel.
  ml.recording_interval_1 = MlRecordingInterval::cycles_150_180;
  EXPECT_NEAR(*ml_storage_days(ml, group(3, std::vector<MlChannel>(50), 1)),
              1'460'000.0 / (28'800.0 * 50), 1e-9);
  EXPECT_EQ(ml_storage_days(ml, group(4, {}, 1)), std::nullopt);
}

TEST(ConfigMeasurementLog, CategoryOfEachQuantity) {
  EXPECT_EQ(ml_category(MlQuantity::volts_squared_hours), MlCategory::metering);
  EXPECT_EQ(ml_category(MlQuantity::unbalance), MlCategory::metering);
  EXPECT_EQ(ml_category(MlQuantity::volts_harmonic_magnitude), MlCategory::harmonics);
  EXPECT_EQ(ml_category(MlQuantity::amps_crest_factor), MlCategory::harmonics);
  EXPECT_EQ(ml_category(MlQuantity::amps_interharmonic), MlCategory::interharmonics);
  EXPECT_EQ(ml_category(MlQuantity::flicker_instantaneous), MlCategory::flicker);
  EXPECT_EQ(ml_category(MlQuantity::contact_inputs), MlCategory::digital_inputs);
  EXPECT_EQ(ml_category(MlQuantity::volts_positive_sequence), MlCategory::fault);
  EXPECT_EQ(ml_category(MlQuantity::amps_zero_sequence), MlCategory::fault);
}

TEST(ConfigMeasurementLog, JsonRoundTrip) {
  MeterConfiguration c;
  log_of({channel(MlQuantity::amps_harmonic_magnitude, MlPhase::b, MlDirection::none, 5,
                  MlMethod::maximum)},
         true)(c);
  c.measurement_log.recording_interval_1 = MlRecordingInterval::cycles_150_180;
  const auto doc = to_json(c);
  const auto& ml = doc.at("measurement_log");
  EXPECT_EQ(ml.at("recording_interval_1"), "cycles_150_180");
  const auto& ch = ml.at("groups").as_array().at(0).at("channels").as_array().at(0);
  EXPECT_EQ(ch.at("quantity"), "amps_harmonic_magnitude");
  EXPECT_EQ(ch.at("harmonic"), 5);
  const auto back = from_json(doc);
  EXPECT_EQ(summary(back.problems), std::vector<Expected>{});
  EXPECT_EQ(back.config.measurement_log, c.measurement_log);
}

TEST(ConfigMeasurementLog, RulesAreListedWithTheDocumentRules) {
  EXPECT_EQ(rules_listed_with_document_rules(measurement_log_rule_refs()).size(), 8u);
}

TEST(ConfigMeasurementLog, SchemaCoversEveryField) {
  MeterConfiguration c;
  c.measurement_log.groups = {group(1, {MlChannel{}})};
  // Three intervals; one group (number, interval) with one channel of 8 fields.
  EXPECT_EQ(section_leaves(c, "measurement_log"), 3 + 2 + 8);
}

}  // namespace
}  // namespace jemhead::config::test
