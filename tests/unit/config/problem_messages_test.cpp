// Problem messages tell the author what is allowed, in the document's own spellings.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

TEST(ConfigProblemMessages, FieldLimitsQuoteTheLimit) {
  MeterConfiguration c;
  c.demands.thermal_time_minutes = 0;
  c.primary.gain_correction.phase_a.voltage.angle_deg = 0.015;
  c.primary.frequency_hz = 55;
  c.identification.fields[1].value = std::string(30, 'z');
  c.load_profile.profiles.resize(3);
  const auto problems = validate(c);
  EXPECT_EQ(message_at(problems, "demands.thermal_time_minutes"), "between 1 and 60, not 0");
  EXPECT_EQ(message_at(problems, "primary.gain_correction.phase_a.voltage.angle_deg"),
            "in steps of 0.01");
  EXPECT_EQ(message_at(problems, "primary.frequency_hz"), "one of: 50, 60");
  EXPECT_EQ(message_at(problems, "identification.fields[1].value"), "at most 24 characters");
  EXPECT_EQ(message_at(problems, "load_profile.profiles"), "between 1 and 2 entries, not 3");
}

TEST(ConfigProblemMessages, RulesListWhatTheOtherFieldsAllow) {
  MeterConfiguration c;
  c.primary.form = MeterForm::f6;
  c.primary.connection_type = ConnectionType::four_wire_delta;
  LpChannel ch;
  ch.type = LpChannelType::instantaneous;
  ch.quantity = LpQuantity::volts_thd;
  ch.phase = LpPhase::n;
  ch.direction = LpDirection::q1;
  c.load_profile.profiles[0].channels = {ch};
  const auto problems = validate(c);
  EXPECT_EQ(message_at(problems, "primary.connection_type"),
            "form 6 allows: 4_wire_wye, 4_wire_wye_2_5_element");
  EXPECT_EQ(message_at(problems, "load_profile.profiles[0].channels[0].phase"),
            "quantity volts_thd allows phase: A, B, C");
  EXPECT_EQ(message_at(problems, "load_profile.profiles[0].channels[0].direction"),
            "quantity volts_thd allows direction: none");
}

TEST(ConfigProblemMessages, ReadingProblemsSayWhatWasExpected) {
  const auto r = read_json(
      boost::json::parse(R"({"primary": {"frequency_hz": "60", "pq_voltage_measurement": "LN"}})"));
  EXPECT_EQ(message_at(r.problems, "primary.frequency_hz"), "expected a whole number");
  EXPECT_EQ(message_at(r.problems, "primary.pq_voltage_measurement"), "one of: L-N, L-L");
}

}  // namespace
}  // namespace jemhead::config::test
