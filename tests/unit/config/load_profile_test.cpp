// LOAD PROFILE: profile and channel counts, interval, Km and the quantity/phase/direction
// rules (L3395-L3439).
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace jemhead::config::test {
namespace {

LpChannel channel(LpChannelType t, LpQuantity q, LpPhase p, LpDirection d) {
  LpChannel ch;
  ch.type = t;
  ch.quantity = q;
  ch.phase = p;
  ch.direction = d;
  return ch;
}

// Sets channel `index` of profile `profile`, adding profiles/channels as needed. Profile 2
// needs the Dual LP option, and a Status Input / Pulse Counter channel its digital input
// (rules of the I/O section), so those are set too.
std::function<void(MeterConfiguration&)> with_channel(std::size_t profile, std::size_t index,
                                                      LpChannel ch) {
  return [=](MeterConfiguration& c) {
    auto& profiles = c.load_profile.profiles;
    if (profile >= 1) c.hardware.options.dual_load_profile = true;
    const bool di =
        ch.quantity >= LpQuantity::digital_input_1 && ch.quantity <= LpQuantity::digital_input_8;
    if (di && (ch.type == LpChannelType::status_input || ch.type == LpChannelType::pulse_counter)) {
      DioChannel input;
      input.number =
          1 + static_cast<int>(ch.quantity) - static_cast<int>(LpQuantity::digital_input_1);
      input.selection = ch.type == LpChannelType::status_input ? DioSelection::status_input
                                                               : DioSelection::pulse_counter;
      c.hardware.standard = MeterStandard::iec;  // 8 channels
      c.hardware.options.digital_io = true;
      c.input_output.digital_io = {input};
    }
    if (profiles.size() <= profile) profiles.resize(profile + 1);
    auto& chs = profiles[profile].channels;
    if (chs.size() <= index) chs.resize(index + 1);
    chs[index] = ch;
  };
}

using T = LpChannelType;
using Q = LpQuantity;
using P = LpPhase;
using D = LpDirection;

TEST(ConfigLoadProfile, FactoryDefaultsFromAppendixC) {
  const LoadProfile lp;
  ASSERT_EQ(lp.profiles.size(), 1u);
  EXPECT_EQ(lp.profiles[0].interval_kind, LpIntervalKind::minutes);
  EXPECT_EQ(lp.profiles[0].interval_minutes, 15);
  EXPECT_FALSE(lp.profiles[0].external_interval_sync);
  EXPECT_TRUE(lp.profiles[0].freeze_markers);
  EXPECT_EQ(lp.profiles[0].contents, LpContents::data_and_events);
  EXPECT_EQ(lp.profiles[0].data_units, LpDataUnits::counts);
  EXPECT_TRUE(lp.profiles[0].channels.empty());
}

TEST(ConfigLoadProfile, ValidationTableFieldLimits) {
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      {"two profiles of 16 channels, 1 and 60 minutes",
       [](MeterConfiguration& c) {
         c.hardware.options.dual_load_profile = true;
         c.load_profile.profiles.resize(2);
         c.load_profile.profiles[0].interval_minutes = 1;
         c.load_profile.profiles[1].interval_minutes = 60;
         for (auto& p : c.load_profile.profiles) p.channels.resize(16);
       },
       {}},
      {"no profile",
       [](MeterConfiguration& c) { c.load_profile.profiles.clear(); },
       {{"load_profile.profiles", "count", "L3310-L3316"}}},
      {"three profiles",
       [](MeterConfiguration& c) {
         c.hardware.options.dual_load_profile = true;
         c.load_profile.profiles.resize(3);
       },
       {{"load_profile.profiles", "count", "L3310-L3316"}}},
      {"17 channels",
       [](MeterConfiguration& c) {
         c.hardware.options.dual_load_profile = true;
         c.load_profile.profiles.resize(2);
         c.load_profile.profiles[1].channels.resize(17);
       },
       {{"load_profile.profiles[1].channels", "count", "L3310-L3316, L2429-L2431"}}},
      {"interval 0 minutes",
       [](MeterConfiguration& c) { c.load_profile.profiles[0].interval_minutes = 0; },
       {{"load_profile.profiles[0].interval_minutes", "range", "L3320-L3326, L13492"}}},
      {"interval 61 minutes",
       [](MeterConfiguration& c) { c.load_profile.profiles[0].interval_minutes = 61; },
       {{"load_profile.profiles[0].interval_minutes", "range", "L3320-L3326, L13492"}}},
      {"Km 0",
       [](MeterConfiguration& c) {
         c.load_profile.profiles[0].channels.resize(4);
         c.load_profile.profiles[0].channels[3].km = 0;
       },
       {{"load_profile.profiles[0].channels[3].km", "range", "L3458-L3468"}}},
  });
}

TEST(ConfigLoadProfile, ValidationTableChannelRules) {
  const std::string ch13 = "load_profile.profiles[1].channels[3]";
  const std::string type_seed = "L3395-L3413";
  const std::string phase_seed = "L3415-L3429";
  const std::string dir_seed = "L3431-L3439";
  run_cases({
      // Passing: one case per list of the manual.
      {"Wh polyphase delivered",
       with_channel(1, 3, channel(T::consumption, Q::watt_hours, P::polyphase, D::delivered)),
       {}},
      {"VARh phase B Q3",
       with_channel(1, 3, channel(T::consumption, Q::var_hours, P::b, D::q3)),
       {}},
      {"VARs received",
       with_channel(1, 3, channel(T::instantaneous, Q::vars, P::a, D::received)),
       {}},
      {"Amps neutral", with_channel(1, 3, channel(T::instantaneous, Q::amps, P::n, D::none)), {}},
      {"Amp-hours phase C",
       with_channel(1, 3, channel(T::consumption, Q::amp_hours, P::c, D::none)),
       {}},
      {"V-THD phase A",
       with_channel(1, 3, channel(T::instantaneous, Q::volts_thd, P::a, D::none)),
       {}},
      {"Hz", with_channel(1, 3, channel(T::instantaneous, Q::hz, P::none, D::none)), {}},
      {"PF polyphase delivered",
       with_channel(1, 3, channel(T::instantaneous, Q::power_factor, P::polyphase, D::delivered)),
       {}},
      {"status input DI 2",
       with_channel(1, 3, channel(T::status_input, Q::digital_input_2, P::none, D::none)),
       {}},
      {"pulse counter DI 8",
       with_channel(1, 3, channel(T::pulse_counter, Q::digital_input_8, P::none, D::none)),
       {}},
      {"status word system bit",
       with_channel(1, 3, channel(T::status_word, Q::system_bit, P::none, D::none)),
       {}},
      // Failing: quantity for type.
      {"instantaneous Wh",
       with_channel(1, 3, channel(T::instantaneous, Q::watt_hours, P::polyphase, D::delivered)),
       {{ch13 + ".quantity", "lp_quantity_for_type", type_seed}}},
      {"consumption triggered bit",
       with_channel(1, 3, channel(T::consumption, Q::triggered_bit, P::none, D::none)),
       {{ch13 + ".quantity", "lp_quantity_for_type", type_seed}}},
      {"status word on a digital input",
       with_channel(1, 3, channel(T::status_word, Q::digital_input_1, P::none, D::none)),
       {{ch13 + ".quantity", "lp_quantity_for_type", type_seed}}},
      // Failing: phase.
      {"Watts on neutral",
       with_channel(1, 3, channel(T::instantaneous, Q::watts, P::n, D::delivered)),
       {{ch13 + ".phase", "lp_phase_for_quantity", phase_seed}}},
      {"V-THD polyphase",
       with_channel(1, 3, channel(T::instantaneous, Q::volts_thd, P::polyphase, D::none)),
       {{ch13 + ".phase", "lp_phase_for_quantity", phase_seed}}},
      {"Hz on phase A",
       with_channel(1, 3, channel(T::instantaneous, Q::hz, P::a, D::none)),
       {{ch13 + ".phase", "lp_phase_for_quantity", phase_seed}}},
      {"Volts without phase",
       with_channel(1, 3, channel(T::instantaneous, Q::volts, P::none, D::none)),
       {{ch13 + ".phase", "lp_phase_for_quantity", phase_seed}}},
      // Failing: direction.
      {"Wh in Q1",
       with_channel(1, 3, channel(T::consumption, Q::watt_hours, P::a, D::q1)),
       {{ch13 + ".direction", "lp_direction_for_quantity", dir_seed}}},
      {"Volts delivered",
       with_channel(1, 3, channel(T::instantaneous, Q::volts, P::a, D::delivered)),
       {{ch13 + ".direction", "lp_direction_for_quantity", dir_seed}}},
      {"A2-hour received",
       with_channel(1, 3, channel(T::consumption, Q::amps_squared_hours, P::a, D::received)),
       {{ch13 + ".direction", "lp_direction_for_quantity", dir_seed}}},
      {"VARs without direction",
       with_channel(1, 3, channel(T::instantaneous, Q::vars, P::a, D::none)),
       {{ch13 + ".direction", "lp_direction_for_quantity", dir_seed}}},
      // Every rule of one channel at once.
      {"all three wrong",
       with_channel(0, 0, channel(T::status_word, Q::watts, P::n, D::q2)),
       {{"load_profile.profiles[0].channels[0].quantity", "lp_quantity_for_type", type_seed},
        {"load_profile.profiles[0].channels[0].phase", "lp_phase_for_quantity", phase_seed},
        {"load_profile.profiles[0].channels[0].direction", "lp_direction_for_quantity", dir_seed}}},
  });
}

}  // namespace
}  // namespace jemhead::config::test
