// The profile decoders against hostile answers: every malformed capture object list,
// capture period, buffer or entry ends in a drivers::DriverError (BadResponse) naming
// what was wrong; nothing crashes and nothing is skipped silently. A mutation loop over a
// valid encoded buffer checks the same for whatever the A-XDR decoder lets through.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/axdr/decoder.hpp"
#include "drivers/protocol/dlms/axdr/encoder.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/driver/event_log_reader.hpp"
#include "drivers/protocol/dlms/driver/load_profile_reader.hpp"
#include "tests/unit/dlms_driver/session_rig.hpp"

namespace jemhead::dlms {
namespace {

using axdr::Data;
using cosem::operator""_obis;
using testing::capture_object;
using testing::kClockObis;
using testing::kOperatingStatus;
using testing::stamp;
using testing::utc;

Data two_channel_objects() {
  return Data::make_array({capture_object(8, kClockObis), capture_object(1, kOperatingStatus),
                           capture_object(3, "1.0.1.29.0.255"_obis),
                           capture_object(3, "1.0.2.29.0.255"_obis)});
}

Data good_entry(int minute) {
  return Data::make_structure({stamp(utc(2024, 5, 1, 12, minute), 0),
                               Data::make_double_long_unsigned(1), Data::make_float32(1.5f),
                               Data::make_float32(0)});
}

DecodedLoadProfile decode(const Data& buffer) {
  const auto columns = capture_columns(two_channel_objects(), "test");
  return decode_load_profile(buffer, columns, {7, 1, std::nullopt, std::nullopt}, {});
}

Data with_value(std::size_t index, Data value) {
  auto values = good_entry(0).as_structure();
  values[index] = std::move(value);
  return Data::make_array({good_entry(5), Data::make_structure(std::move(values))});
}

TEST(DlmsHostileBuffer, ValidBufferDecodes) {
  const auto decoded = decode(Data::make_array({good_entry(0), good_entry(5)}));
  EXPECT_EQ(decoded.intervals, 2u);
  ASSERT_EQ(decoded.values.size(), 4u);
  EXPECT_DOUBLE_EQ(decoded.values[0].value, 0.0015);
}

TEST(DlmsHostileBuffer, MalformedBuffersAreBadResponse) {
  auto bytes11 = axdr::Bytes(11, 0x01);
  auto feb30 = axdr::from_utc(utc(2024, 2, 1, 0, 0), 0);
  feb30.date.day_of_month = 30;
  auto wildcard = axdr::from_utc(utc(2024, 2, 1, 0, 0), 0);
  wildcard.time.hour = axdr::kNotSpecified;
  const std::vector<std::pair<const char*, Data>> cases{
      {"buffer not an array", Data::make_structure({good_entry(0)})},
      {"buffer a number", Data::make_double_long_unsigned(5)},
      {"entry not a structure", Data::make_array({Data::make_integer(1)})},
      {"entry too short",
       Data::make_array({Data::make_structure({stamp(utc(2024, 1, 1, 0, 0), 0)})})},
      {"entry too long",
       Data::make_array({Data::make_structure(
           {stamp(utc(2024, 1, 1, 0, 0), 0), Data::make_double_long_unsigned(1),
            Data::make_float32(1), Data::make_float32(1), Data::make_float32(1)})})},
      {"timestamp a string", with_value(0, Data::make_visible_string("2024-01-01"))},
      {"timestamp 11 bytes", with_value(0, Data::make_octet_string(bytes11))},
      {"timestamp 30 February", with_value(0, axdr::to_octet_string_data(feb30))},
      {"timestamp with wildcard hour", with_value(0, axdr::to_octet_string_data(wildcard))},
      {"timestamp null", with_value(0, Data())},
      {"status negative", with_value(1, Data::make_double_long(-1))},
      {"status a float", with_value(1, Data::make_float32(1))},
      {"status too large", with_value(1, Data::make_long64_unsigned(1ull << 40))},
      {"status huge unsigned", with_value(1, Data::make_long64_unsigned(~0ull))},
      {"channel a string", with_value(2, Data::make_visible_string("1.5"))},
      {"channel null", with_value(3, Data())},
      {"channel NaN", with_value(2, Data::make_float32(std::numeric_limits<float>::quiet_NaN()))},
      {"channel infinite",
       with_value(3, Data::make_float64(std::numeric_limits<double>::infinity()))},
  };
  for (const auto& [name, buffer] : cases)
    EXPECT_THROW(decode(buffer), drivers::BadResponse) << name;
}

TEST(DlmsHostileBuffer, MalformedCaptureObjectsAndPeriodAreBadResponse) {
  const std::vector<std::pair<const char*, Data>> objects{
      {"not an array", Data::make_integer(3)},
      {"array of numbers", Data::make_array({Data::make_integer(3)})},
      {"short definition", Data::make_array({Data::make_structure({Data::make_long_unsigned(8)})})},
      {"5-byte logical name",
       Data::make_array({Data::make_structure(
           {Data::make_long_unsigned(8), Data::make_octet_string({0, 0, 1, 0, 0}),
            Data::make_integer(2), Data::make_long_unsigned(0)})})},
  };
  for (const auto& [name, value] : objects)
    EXPECT_THROW(capture_columns(value, "test"), drivers::BadResponse) << name;

  // Capture objects without the clock: no interval can be placed in time.
  const auto no_clock =
      capture_columns(Data::make_array({capture_object(3, "1.0.1.29.0.255"_obis)}), "test");
  EXPECT_THROW(decode_load_profile(Data::make_array({}), no_clock, {}, {}), drivers::BadResponse);
  EXPECT_THROW(decode_ethernet_log(Data::make_array({}), no_clock, 7, std::nullopt, {}),
               drivers::BadResponse);

  EXPECT_THROW(capture_period_of(Data::make_visible_string("300"), "test"), drivers::BadResponse);
  EXPECT_THROW(capture_period_of(Data::make_long64(-1), "test"), drivers::BadResponse);
  EXPECT_THROW(capture_period_of(Data::make_long64_unsigned(~0ull), "test"), drivers::BadResponse);
  EXPECT_EQ(capture_period_of(Data::make_double_long_unsigned(900), "test"), 900u);
}

TEST(DlmsHostileBuffer, TimestampWithoutAnyDeviationIsBadResponse) {
  auto local = axdr::from_utc(utc(2024, 5, 1, 12, 0), 0);
  local.deviation = axdr::kDeviationNotSpecified;
  const auto buffer = with_value(0, axdr::to_octet_string_data(local));
  EXPECT_THROW(decode(buffer), drivers::BadResponse);  // and the clock gave none either
  const auto columns = capture_columns(two_channel_objects(), "test");
  const auto decoded = decode_load_profile(buffer, columns, {}, BufferClock{std::int16_t{0}});
  EXPECT_EQ(decoded.intervals, 2u);
}

// Every byte of a valid encoded buffer flipped, dropped or duplicated: whatever still
// decodes as A-XDR must decode as a load profile or fail with a DriverError.
TEST(DlmsHostileBuffer, MutatedBuffersNeverEscapeAsOtherErrors) {
  std::vector<Data> entries;
  for (int i = 0; i < 6; ++i) entries.push_back(good_entry(i * 5));
  const auto valid = axdr::encode(Data::make_array(std::move(entries)));
  const auto columns = capture_columns(two_channel_objects(), "test");
  std::mt19937 random(12345);
  int decoded_as_axdr = 0, refused = 0;
  for (int round = 0; round < 3000; ++round) {
    auto bytes = valid;
    const auto at = random() % bytes.size();
    switch (round % 3) {
      case 0: bytes[at] = static_cast<std::uint8_t>(random()); break;
      case 1: bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(at)); break;
      case 2: bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes[at]); break;
    }
    Data buffer;
    try {
      buffer = axdr::decode(bytes);
    } catch (const axdr::AxdrError&) {
      continue;  // the client turns these into BadResponse before the driver sees them
    }
    ++decoded_as_axdr;
    try {
      (void)decode_load_profile(buffer, columns, {7, 1, std::nullopt, std::nullopt},
                                BufferClock{std::int16_t{0}});
      (void)decode_ethernet_log(buffer, columns, 7, std::nullopt, BufferClock{std::int16_t{0}});
    } catch (const drivers::DriverError&) {
      ++refused;
    } catch (const std::exception& e) {
      ADD_FAILURE() << "round " << round << ": " << e.what();
    }
  }
  // The loop exercised both paths.
  EXPECT_GT(decoded_as_axdr, 100);
  EXPECT_GT(refused, 50);
}

}  // namespace
}  // namespace jemhead::dlms
