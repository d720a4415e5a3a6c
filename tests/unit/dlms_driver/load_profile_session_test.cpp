// DlmsSession::read_load_profile against the in-memory COSEM server holding the manual's
// worked example (part7 §6.5: six channels, 5-minute intervals, the channel columns
// rotated): columns follow the capture objects, statuses become interval flags, values
// their stored units, the range excludes what is already stored, a missing profile is
// NotPresent, long buffers come in datablocks.
#include <gtest/gtest.h>

#include <chrono>

#include "core/readings.hpp"
#include "drivers/protocol/dlms/session/dlms_errors.hpp"
#include "tests/unit/dlms_driver/session_rig.hpp"

namespace jemhead::dlms {
namespace {

using cosem::operator""_obis;
using namespace std::chrono_literals;
using session::ClientRole;
using testing::capture_object;
using testing::FakeCosemServer;
using testing::kClockObis;
using testing::kOperatingStatus;
using testing::run;
using testing::SessionRig;
using testing::stamp;
using testing::utc;

constexpr std::int16_t kDeviation = -60;  // local = UTC + 1 h (Blue Book sign)
const cosem::Obis kWhDel = "1.0.1.29.0.255"_obis;
const cosem::Obis kWhRec = "1.0.2.29.0.255"_obis;
const cosem::Obis kVarhDel = "1.0.3.29.0.255"_obis;
const cosem::Obis kVarhRec = "1.0.4.29.0.255"_obis;
const cosem::Obis kTrigger = "1.0.191.27.0.255"_obis;
const cosem::Obis kSystem = "1.0.192.27.0.255"_obis;

axdr::Data f(float v) {
  return axdr::Data::make_float32(v);
}

// One buffer entry: timestamp, status, then the six channel values in the order given.
axdr::Data entry(UtcTime end, std::uint32_t status, std::vector<float> channels,
                 bool state_deviation = true) {
  std::vector<axdr::Data> values{stamp(end, kDeviation, state_deviation),
                                 axdr::Data::make_double_long_unsigned(status)};
  for (const float c : channels) values.push_back(f(c));
  return axdr::Data::make_structure(std::move(values));
}

// The manual's buffer with the columns as entries 2-4 show them (L16510-L16592): VARh
// Del, VARh Rec, Trigger bits, System bits, Wh Del, Wh Rec. Capture objects declare that
// order; the values are the example's, moved into it for entries 0 and 1.
void load_manual_example(FakeCosemServer& meter, bool state_deviation = true) {
  meter.clock = axdr::from_utc(utc(2019, 6, 26, 13, 40), kDeviation, axdr::ClockStatus{0});
  meter.capture_objects[kLoadProfile1] = axdr::Data::make_array(
      {capture_object(8, kClockObis), capture_object(1, kOperatingStatus),
       capture_object(3, kVarhDel), capture_object(3, kVarhRec), capture_object(3, kTrigger),
       capture_object(3, kSystem), capture_object(3, kWhDel), capture_object(3, kWhRec)});
  meter.capture_periods[kLoadProfile1] = 300;
  const bool s = state_deviation;
  meter.profiles[kLoadProfile1] = axdr::Data::make_array({
      entry(utc(2019, 6, 26, 13, 18, 13), 64, {0.017999999f, 0, 0, 1280, 0.01f, 0}, s),
      entry(utc(2019, 6, 26, 13, 20), 1, {3.861000061f, 0, 0, 1280, 2.230999947f, 0}, s),
      entry(utc(2019, 6, 26, 13, 25), 0, {10.82699966f, 0, 0, 1280, 6.255000114f, 0}, s),
      entry(utc(2019, 6, 26, 13, 30), 0, {10.7869997f, 0, 0, 256, 6.231999874f, 0}, s),
      entry(utc(2019, 6, 26, 13, 35), 0, {10.82600021f, 0, 0, 256, 6.254000187f, 0}, s),
  });
}

const LoadProfileValue& value_at(const drivers::LoadProfileRead& read, UtcTime end,
                                 std::uint16_t channel) {
  for (const auto& v : read.values)
    if (v.interval_end == end && v.channel == channel) return v;
  throw std::runtime_error("no value for that interval and channel");
}

double kilo(float sent) {
  return static_cast<double>(sent) / 1000;
}

TEST(DlmsLoadProfile, LayoutComesFromTheCaptureObjectsInTheirOrder) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);
  const auto read = run(rig.session->read_load_profile({1, std::nullopt, std::nullopt}));
  const auto& layout = read.layout;
  EXPECT_EQ(layout.profile, 1);
  EXPECT_EQ(layout.capture_period_s, 300u);
  ASSERT_EQ(layout.channels.size(), 6u);
  const auto& ch1 = layout.channels[0];
  EXPECT_EQ(ch1.channel, 1);
  EXPECT_EQ(ch1.obis, "1.0.3.29.0.255");
  EXPECT_EQ(ch1.quantity, "var_hours_delivered");
  EXPECT_EQ(ch1.phase, "total");
  EXPECT_EQ(ch1.description, "Consumption VAR hours Delivered Poly");
  EXPECT_EQ(ch1.unit, "kvarh");
  EXPECT_EQ(layout.channels[3].obis, "1.0.192.27.0.255");
  EXPECT_EQ(layout.channels[3].quantity, "system_bits");
  EXPECT_EQ(layout.channels[3].unit, "");
  EXPECT_EQ(layout.channels[4].channel, 5);
  EXPECT_EQ(layout.channels[4].obis, "1.0.1.29.0.255");
  EXPECT_EQ(layout.channels[4].quantity, "watt_hours_delivered");
  EXPECT_EQ(layout.channels[4].unit, "kWh");
  EXPECT_EQ(layout.channels[5].quantity, "watt_hours_received");
}

TEST(DlmsLoadProfile, ValuesFollowTheirColumnsAndStoredUnits) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);
  const auto read = run(rig.session->read_load_profile({1, std::nullopt, std::nullopt}));
  EXPECT_EQ(read.intervals, 5u);
  ASSERT_EQ(read.values.size(), 30u);
  const auto at_1325 = utc(2019, 6, 26, 13, 25);
  // Wh Del Poly is column 6 (channel 5): 6.255 Wh is 0.006255 kWh.
  EXPECT_DOUBLE_EQ(value_at(read, at_1325, 5).value, kilo(6.255000114f));
  EXPECT_DOUBLE_EQ(value_at(read, at_1325, 1).value, kilo(10.82699966f));
  // The status words are unitless: 1280 (0x0500) stays 1280.
  EXPECT_DOUBLE_EQ(value_at(read, at_1325, 4).value, 1280);
  EXPECT_DOUBLE_EQ(value_at(read, utc(2019, 6, 26, 13, 30), 4).value, 256);
  for (const auto& v : read.values) {
    EXPECT_EQ(v.meter_id, 7);
    EXPECT_EQ(v.profile, 1);
  }
  // Ascending interval end, then channel.
  EXPECT_EQ(read.values.front().interval_end, utc(2019, 6, 26, 13, 18, 13));
  EXPECT_EQ(read.values.front().channel, 1);
  EXPECT_EQ(read.values[1].channel, 2);
  EXPECT_EQ(read.values.back().interval_end, utc(2019, 6, 26, 13, 35));
  EXPECT_EQ(read.values.back().channel, 6);
}

TEST(DlmsLoadProfile, TimestampsWithoutDeviationTakeTheClocks) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter, /*state_deviation=*/false);
  const auto read = run(rig.session->read_load_profile({1, std::nullopt, std::nullopt}));
  ASSERT_EQ(read.intervals, 5u);
  // 14:20 local at UTC+1 is 13:20 UTC.
  EXPECT_DOUBLE_EQ(value_at(read, utc(2019, 6, 26, 13, 20), 5).value, kilo(2.230999947f));
}

TEST(DlmsLoadProfile, StatusCodesBecomeIntervalFlags) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);
  auto& buffer = rig.meter->profiles[kLoadProfile1];
  std::vector<axdr::Data> entries = buffer.as_array();
  entries.push_back(entry(utc(2019, 6, 26, 13, 40), 258, {1, 0, 0, 0, 1, 0}));  // BPR Midnight
  entries.push_back(entry(utc(2019, 6, 26, 13, 45), 6, {1, 0, 0, 0, 1, 0}));    // Midnight Outage
  entries.push_back(entry(utc(2019, 6, 26, 13, 50), 8 | 16, {1, 0, 0, 0, 1, 0}));
  buffer = axdr::Data::make_array(std::move(entries));
  const auto read = run(rig.session->read_load_profile({1, std::nullopt, std::nullopt}));
  ASSERT_EQ(read.intervals, 8u);
  const auto flags = [&](UtcTime end) { return value_at(read, end, 1).status; };
  EXPECT_EQ(flags(utc(2019, 6, 26, 13, 18, 13)), interval_flag::configuration_change);
  EXPECT_EQ(flags(utc(2019, 6, 26, 13, 20)), 0u);  // Normal Interval
  EXPECT_EQ(flags(utc(2019, 6, 26, 13, 25)), 0u);  // the example's undocumented 0
  EXPECT_EQ(flags(utc(2019, 6, 26, 13, 40)),
            interval_flag::billing_reset | interval_flag::midnight);
  EXPECT_EQ(flags(utc(2019, 6, 26, 13, 45)), interval_flag::power_outage | interval_flag::midnight);
  EXPECT_EQ(flags(utc(2019, 6, 26, 13, 50)), interval_flag::time_set | interval_flag::dst_change);
  // Every channel of an interval carries its flags.
  EXPECT_EQ(value_at(read, utc(2019, 6, 26, 13, 40), 6).status,
            interval_flag::billing_reset | interval_flag::midnight);
}

TEST(DlmsLoadProfile, RangeExcludesTheIntervalAlreadyStored) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);
  const auto after = utc(2019, 6, 26, 13, 25);
  const auto read = run(rig.session->read_load_profile({1, after, std::nullopt}));
  // DLMS ranges include `from`: 13:25 comes back from the meter and is dropped here.
  ASSERT_EQ(rig.meter->ranges_asked.size(), 1u);
  EXPECT_EQ(rig.meter->ranges_asked[0].first, after);
  EXPECT_EQ(read.intervals, 2u);
  ASSERT_EQ(read.values.size(), 12u);
  EXPECT_EQ(read.values.front().interval_end, utc(2019, 6, 26, 13, 30));
  EXPECT_EQ(read.values.back().interval_end, utc(2019, 6, 26, 13, 35));
}

TEST(DlmsLoadProfile, RangeEndIsInclusive) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);
  const auto read =
      run(rig.session->read_load_profile({1, utc(2019, 6, 26, 13, 20), utc(2019, 6, 26, 13, 30)}));
  EXPECT_EQ(read.intervals, 2u);  // 13:25 and 13:30
  EXPECT_EQ(rig.meter->ranges_asked.at(0).second, utc(2019, 6, 26, 13, 30));
  EXPECT_EQ(read.values.back().interval_end, utc(2019, 6, 26, 13, 30));
}

TEST(DlmsLoadProfile, WithoutBoundsAsksFromTheMeterEpochToADayAhead) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);
  const auto before = utc_now();
  run(rig.session->read_load_profile({1, std::nullopt, std::nullopt}));
  ASSERT_EQ(rig.meter->ranges_asked.size(), 1u);
  EXPECT_EQ(rig.meter->ranges_asked[0].first, utc(1990, 1, 1, 0, 0));
  // The meter's clock is in 2019, the head-end's later: a day past the head-end's.
  EXPECT_GE(rig.meter->ranges_asked[0].second, before + 23h);
}

TEST(DlmsLoadProfile, EmptyRangeAsksNothing) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);
  const auto t = utc(2019, 6, 26, 13, 30);
  const auto read = run(rig.session->read_load_profile({1, t, t}));
  EXPECT_EQ(read.intervals, 0u);
  EXPECT_TRUE(read.values.empty());
  EXPECT_EQ(read.layout.channels.size(), 6u);  // the layout is still read
  EXPECT_TRUE(rig.meter->ranges_asked.empty());
}

TEST(DlmsLoadProfile, UnitsOfAveragesAndUnitlessChannels) {
  SessionRig rig(ClientRole::reader);
  rig.meter->clock = axdr::from_utc(utc(2024, 1, 1, 1, 0), 0, axdr::ClockStatus{0});
  rig.meter->capture_objects[kLoadProfile2] = axdr::Data::make_array(
      {capture_object(1, kOperatingStatus), capture_object(8, kClockObis),
       capture_object(3, "1.0.1.27.0.255"_obis), capture_object(3, "1.0.32.27.0.255"_obis),
       capture_object(3, "1.0.13.27.0.255"_obis), capture_object(3, "1.0.143.29.0.255"_obis)});
  rig.meter->capture_periods[kLoadProfile2] = 900;
  // The status comes first here and the timestamp second: no position is assumed.
  rig.meter->profiles[kLoadProfile2] = axdr::Data::make_array({axdr::Data::make_structure(
      {axdr::Data::make_double_long_unsigned(1), stamp(utc(2024, 1, 1, 0, 15), 0), f(1500.0f),
       f(120.5f), f(0.98f), f(42.0f)})});
  const auto read = run(rig.session->read_load_profile({2, std::nullopt, std::nullopt}));
  ASSERT_EQ(read.layout.channels.size(), 4u);
  EXPECT_EQ(read.layout.profile, 2);
  EXPECT_EQ(read.layout.capture_period_s, 900u);
  EXPECT_EQ(read.layout.channels[0].unit, "kW");
  EXPECT_EQ(read.layout.channels[0].quantity, "watts_delivered");
  EXPECT_EQ(read.layout.channels[1].unit, "V");
  EXPECT_EQ(read.layout.channels[1].phase, "A");
  EXPECT_EQ(read.layout.channels[2].unit, "");
  // The manual's colliding code: no quantity, no unit, both names in the description.
  EXPECT_EQ(read.layout.channels[3].quantity, "");
  EXPECT_EQ(read.layout.channels[3].unit, "");
  EXPECT_NE(read.layout.channels[3].description.find("Q hours Delivered A"), std::string::npos);
  ASSERT_EQ(read.values.size(), 4u);
  EXPECT_EQ(read.values[0].profile, 2);
  EXPECT_EQ(read.values[0].interval_end, utc(2024, 1, 1, 0, 15));
  EXPECT_DOUBLE_EQ(read.values[0].value, 1.5);  // 1500 W
  EXPECT_DOUBLE_EQ(read.values[1].value, static_cast<double>(120.5f));
  EXPECT_DOUBLE_EQ(read.values[2].value, static_cast<double>(0.98f));
  EXPECT_DOUBLE_EQ(read.values[3].value, 42.0);  // kept as sent
}

TEST(DlmsLoadProfile, MissingProfileIsNotPresent) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);  // profile 1 only
  try {
    run(rig.session->read_load_profile({2, std::nullopt, std::nullopt}));
    FAIL() << "profile 2 read from a meter without it";
  } catch (const drivers::NotPresent& e) {
    EXPECT_EQ(e.kind(), "not_present");
    EXPECT_NE(std::string(e.what()).find("1.0.98.1.0.255"), std::string::npos) << e.what();
  }
}

TEST(DlmsLoadProfile, ProfileNumbersOtherThanOneAndTwoAreRefused) {
  SessionRig rig(ClientRole::reader);
  const auto before = rig.meter->requests.size();
  EXPECT_THROW(run(rig.session->read_load_profile({3, std::nullopt, std::nullopt})),
               drivers::Refused);
  EXPECT_EQ(rig.meter->requests.size(), before);
}

TEST(DlmsLoadProfile, PublicClientIsDeniedNotAbsent) {
  SessionRig rig(ClientRole::public_client);
  load_manual_example(*rig.meter);
  EXPECT_THROW(run(rig.session->read_load_profile({1, std::nullopt, std::nullopt})),
               session::AccessDenied);
}

TEST(DlmsLoadProfile, LongBufferComesInDatablocks) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);
  std::vector<axdr::Data> entries;
  const auto first = utc(2019, 6, 25, 0, 5);
  for (int i = 0; i < 200; ++i)
    entries.push_back(
        entry(first + std::chrono::minutes(5 * i), 1, {float(i), 0, 0, 256, float(i) * 2, 0}));
  rig.meter->profiles[kLoadProfile1] = axdr::Data::make_array(std::move(entries));
  rig.meter->block_payload = 100;
  const auto read = run(rig.session->read_load_profile({1, std::nullopt, std::nullopt}));
  EXPECT_GT(rig.meter->blocks_sent, 50);
  EXPECT_GT(rig.meter->get_next_received, 50);
  ASSERT_EQ(read.intervals, 200u);
  ASSERT_EQ(read.values.size(), 1200u);
  const auto last = first + std::chrono::minutes(5 * 199);
  EXPECT_DOUBLE_EQ(value_at(read, last, 5).value, kilo(398.0f));
  EXPECT_DOUBLE_EQ(value_at(read, last, 1).value, kilo(199.0f));
}

TEST(DlmsLoadProfile, UndecodableBufferIsBadResponse) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);
  // An array of 5 entries whose first structure is cut off mid-value.
  rig.meter->raw_answers[{kLoadProfile1, 2}] = {0x01, 0x05, 0x02, 0x08, 0x09, 0x0C, 0x07};
  rig.meter->block_payload = 4;  // raw datablocks: the fake cannot send it in one answer
  EXPECT_THROW(run(rig.session->read_load_profile({1, std::nullopt, std::nullopt})),
               drivers::BadResponse);
}

TEST(DlmsLoadProfile, WrongArityEntryIsBadResponseNotSkipped) {
  SessionRig rig(ClientRole::reader);
  load_manual_example(*rig.meter);
  auto entries = rig.meter->profiles[kLoadProfile1].as_array();
  auto short_entry = entries[2].as_structure();
  short_entry.pop_back();
  entries[2] = axdr::Data::make_structure(std::move(short_entry));
  rig.meter->profiles[kLoadProfile1] = axdr::Data::make_array(std::move(entries));
  try {
    run(rig.session->read_load_profile({1, std::nullopt, std::nullopt}));
    FAIL() << "a 7-value entry of an 8-column profile was accepted";
  } catch (const drivers::BadResponse& e) {
    EXPECT_NE(std::string(e.what()).find("entry 2 has 7 values"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace jemhead::dlms
