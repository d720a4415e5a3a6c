// Load profile stored one row per interval (schema step 6): values still go in and come out
// per channel; a partial interval merges with the rest, statuses stay per channel, the
// interval blob is checked when read, and bad input is refused with the value named.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "raw_sqlite.hpp"
#include "storage/sqlite/load_profile_blob.hpp"
#include "storage_test_support.hpp"

namespace jemhead::storage::testing {
namespace {

LoadProfileValue value(std::int64_t meter, std::uint16_t channel, std::int64_t minutes, double v,
                       std::uint32_t status = 0, std::uint8_t profile = 1) {
  LoadProfileValue out;
  out.meter_id = meter;
  out.profile = profile;
  out.channel = channel;
  out.interval_end = minute(minutes);
  out.value = v;
  out.status = status;
  return out;
}

// Channels first..last of one interval, value = minutes * 100 + channel.
std::vector<LoadProfileValue> channels(std::int64_t meter, std::int64_t minutes, int first,
                                       int last, std::uint32_t status = 0) {
  std::vector<LoadProfileValue> values;
  for (int c = first; c <= last; ++c)
    values.push_back(value(meter, static_cast<std::uint16_t>(c), minutes,
                           static_cast<double>(minutes * 100 + c), status));
  return values;
}

class LoadProfileIntervals : public StorageTest {
 protected:
  std::int64_t rows() {
    RawDb raw(dir.file("test.db"));
    return raw.scalar("SELECT COUNT(*) FROM load_profile_intervals");
  }
  std::int64_t blob_bytes(std::int64_t meter, std::int64_t minutes) {
    RawDb raw(dir.file("test.db"));
    return raw.scalar("SELECT length(vals) FROM load_profile_intervals WHERE meter_id = " +
                      std::to_string(meter) +
                      " AND interval_end_us = " + std::to_string(to_unix_micros(minute(minutes))));
  }
  std::string read_error(std::int64_t meter) {
    try {
      repo->load_profile(meter, 1, {});
    } catch (const StorageError& e) {
      return e.what();
    }
    return "no error";
  }
};

TEST_F(LoadProfileIntervals, SixteenChannelsAreOneRowAndComeBackInChannelOrder) {
  std::int64_t meter = add_meter("LPI-1");
  auto values = channels(meter, 15, 1, 16, interval_flag::dst_active);
  std::reverse(values.begin(), values.end());  // any order in, channel order out
  repo->upsert_load_profile(values);
  EXPECT_EQ(rows(), 1);
  EXPECT_EQ(blob_bytes(meter, 15), 2 + 8 * 16);  // one status for the interval: none in the blob

  auto read = repo->load_profile(meter, 1, {});
  ASSERT_EQ(read.size(), 16u);
  for (std::size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].meter_id, meter);
    EXPECT_EQ(read[i].profile, 1);
    EXPECT_EQ(read[i].channel, i + 1);
    EXPECT_EQ(read[i].interval_end, minute(15));
    EXPECT_EQ(read[i].value, 1500.0 + static_cast<double>(i + 1));
    EXPECT_EQ(read[i].status, interval_flag::dst_active);
  }
}

TEST_F(LoadProfileIntervals, PartialChannelsThenTheRestMergeIntoOneInterval) {
  std::int64_t meter = add_meter("LPI-2");
  repo->upsert_load_profile(channels(meter, 30, 1, 4));
  auto rest = channels(meter, 30, 4, 16);
  rest[0].value = -4.5;  // channel 4 again, corrected
  repo->upsert_load_profile(rest);
  EXPECT_EQ(rows(), 1);

  auto read = repo->load_profile(meter, 1, {});
  ASSERT_EQ(read.size(), 16u);
  for (std::size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].channel, i + 1);
    EXPECT_EQ(read[i].value, i == 3 ? -4.5 : 3000.0 + static_cast<double>(i + 1));
  }

  // Gaps in the channels are kept as gaps: only written channels come back.
  std::int64_t sparse = add_meter("LPI-2B");
  repo->upsert_load_profile(std::vector{value(sparse, 16, 15, 16.0), value(sparse, 2, 15, 2.0)});
  repo->upsert_load_profile(std::vector{value(sparse, 9, 15, 9.0)});
  auto few = repo->load_profile(sparse, 1, {});
  ASSERT_EQ(few.size(), 3u);
  EXPECT_EQ(few[0].channel, 2);
  EXPECT_EQ(few[1].channel, 9);
  EXPECT_EQ(few[2].channel, 16);
  EXPECT_EQ(few[2].value, 16.0);
}

TEST_F(LoadProfileIntervals, ReupsertIsIdempotent) {
  std::int64_t meter = add_meter("LPI-3");
  std::vector<LoadProfileValue> values;
  for (int interval = 1; interval <= 100; ++interval) {  // more than one statement's rows
    auto one = channels(meter, interval * 15, 1, 16, interval % 7 == 0 ? 1u : 0u);
    values.insert(values.end(), one.begin(), one.end());
  }
  repo->upsert_load_profile(values);
  const auto once = repo->load_profile(meter, 1, {});
  repo->upsert_load_profile(values);
  const auto twice = repo->load_profile(meter, 1, {});
  EXPECT_EQ(rows(), 100);
  ASSERT_EQ(once.size(), 1600u);
  ASSERT_EQ(twice.size(), once.size());
  for (std::size_t i = 0; i < once.size(); ++i) {
    EXPECT_EQ(twice[i].channel, once[i].channel);
    EXPECT_EQ(twice[i].interval_end, once[i].interval_end);
    EXPECT_EQ(twice[i].value, once[i].value);
    EXPECT_EQ(twice[i].status, once[i].status);
  }
}

TEST_F(LoadProfileIntervals, NewestStatusIsKeptPerChannel) {
  std::int64_t meter = add_meter("LPI-4");
  repo->upsert_load_profile(channels(meter, 15, 1, 3, interval_flag::power_outage));
  // Channel 2 rewritten with another status: channels 1 and 3 keep theirs.
  repo->upsert_load_profile(std::vector{value(meter, 2, 15, 7.0, interval_flag::time_set)});
  auto read = repo->load_profile(meter, 1, {});
  ASSERT_EQ(read.size(), 3u);
  EXPECT_EQ(read[0].status, interval_flag::power_outage);
  EXPECT_EQ(read[1].status, interval_flag::time_set);
  EXPECT_EQ(read[1].value, 7.0);
  EXPECT_EQ(read[2].status, interval_flag::power_outage);
  EXPECT_EQ(blob_bytes(meter, 15), 2 + 12 * 3);  // statuses differ: one per channel
  {
    RawDb raw(dir.file("test.db"));  // the row status is the OR, for SQL filters
    EXPECT_EQ(raw.scalar("SELECT status FROM load_profile_intervals"),
              interval_flag::power_outage | interval_flag::time_set);
  }

  // The whole interval rewritten with one status: it replaces every channel's.
  repo->upsert_load_profile(channels(meter, 15, 1, 3, 0));
  read = repo->load_profile(meter, 1, {});
  ASSERT_EQ(read.size(), 3u);
  for (const auto& v : read) EXPECT_EQ(v.status, 0u);
  EXPECT_EQ(blob_bytes(meter, 15), 2 + 8 * 3);
}

TEST_F(LoadProfileIntervals, DuplicatesInOneBatchOutOfOrderLetTheLaterWin) {
  std::int64_t meter = add_meter("LPI-5");
  std::vector<LoadProfileValue> values = {
      value(meter, 1, 30, 1.0),       value(meter, 2, 30, 2.0),
      value(meter, 1, 15, 3.0),       value(meter, 1, 30, 4.0, interval_flag::data_invalid),
      value(meter, 1, 15, 5.0, 0, 2),  // other profile, same time
  };
  repo->upsert_load_profile(values);
  EXPECT_EQ(rows(), 3);
  auto read = repo->load_profile(meter, 1, {});
  ASSERT_EQ(read.size(), 3u);
  EXPECT_EQ(read[0].interval_end, minute(15));
  EXPECT_EQ(read[0].value, 3.0);
  EXPECT_EQ(read[1].interval_end, minute(30));
  EXPECT_EQ(read[1].channel, 1);
  EXPECT_EQ(read[1].value, 4.0);
  EXPECT_EQ(read[1].status, interval_flag::data_invalid);
  EXPECT_EQ(read[2].channel, 2);
  EXPECT_EQ(read[2].value, 2.0);
  EXPECT_EQ(read[2].status, 0u);
  ASSERT_EQ(repo->load_profile(meter, 2, {}).size(), 1u);
  EXPECT_EQ(repo->load_profile(meter, 2, {})[0].value, 5.0);
}

TEST_F(LoadProfileIntervals, RangeSelectsWholeIntervalsByEnd) {
  std::int64_t meter = add_meter("LPI-6");
  std::vector<LoadProfileValue> values;
  for (int interval = 1; interval <= 6; ++interval) {
    auto one = channels(meter, interval * 15, 1, 16);
    values.insert(values.end(), one.begin(), one.end());
  }
  repo->upsert_load_profile(values);
  TimeRange range;
  range.from = minute(30);  // inclusive
  range.to = minute(75);    // exclusive
  auto read = repo->load_profile(meter, 1, range);
  ASSERT_EQ(read.size(), 3u * 16u);
  EXPECT_EQ(read.front().interval_end, minute(30));
  EXPECT_EQ(read.front().channel, 1);
  EXPECT_EQ(read.back().interval_end, minute(60));
  EXPECT_EQ(read.back().channel, 16);
  range.from = minute(31);
  range.to = minute(44);
  EXPECT_TRUE(repo->load_profile(meter, 1, range).empty());
}

TEST_F(LoadProfileIntervals, ChannelOrProfileOutOfRangeIsRefusedNamingTheValue) {
  std::int64_t meter = add_meter("LPI-7");
  auto batch = channels(meter, 15, 1, 16);
  batch.push_back(value(meter, 17, 15, 1.0));
  try {
    repo->upsert_load_profile(batch);
    FAIL() << "expected StorageError";
  } catch (const StorageError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("channel 17"), std::string::npos) << message;
    EXPECT_NE(message.find("1..16"), std::string::npos) << message;
    EXPECT_NE(message.find("meter " + std::to_string(meter)), std::string::npos) << message;
    EXPECT_NE(message.find(format_iso8601(minute(15))), std::string::npos) << message;
  }
  EXPECT_THROW(repo->upsert_load_profile(std::vector{value(meter, 0, 15, 1.0)}), StorageError);
  try {
    repo->upsert_load_profile(std::vector{value(meter, 1, 15, 1.0, 0, 3)});
    FAIL() << "expected StorageError";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("profile must be 1 or 2"), std::string::npos) << e.what();
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(repo->upsert_load_profile(std::vector{value(meter, 1, 15, nan)}), StorageError);
  EXPECT_EQ(rows(), 0);  // nothing of a refused batch is written
}

TEST_F(LoadProfileIntervals, CorruptBlobIsAClearErrorNamingTheRow) {
  std::int64_t meter = add_meter("LPI-8");
  repo->upsert_load_profile(channels(meter, 15, 1, 2));
  repo->upsert_load_profile(channels(meter, 30, 1, 2));
  const std::string where =
      " WHERE interval_end_us = " + std::to_string(to_unix_micros(minute(30)));
  std::string expected_row = "meter ";
  expected_row += std::to_string(meter);
  expected_row += ", profile 1, interval ending ";
  expected_row += format_iso8601(minute(30));
  struct Case {
    const char* vals;
    const char* why;
  };
  const Case cases[] = {
      {"x'0300'", "2 bytes, but channel mask 0x0003 (2 channels) needs 18 or 26"},
      {"x'03000000'", "4 bytes"},
      {"x'01'", "shorter than the 2-byte channel mask"},
      {"x'00000000000000000000'", "channel mask is 0"},
      {"'text, not a blob'", "not a BLOB"},
  };
  for (const auto& c : cases) {
    {
      RawDb raw(dir.file("test.db"));
      raw.exec(std::string("UPDATE load_profile_intervals SET vals = ") + c.vals + where);
    }
    const std::string message = read_error(meter);
    EXPECT_NE(message.find(expected_row), std::string::npos) << message;
    EXPECT_NE(message.find("corrupt"), std::string::npos) << message;
    if (std::string(c.why) != "not a BLOB") {  // a read sees a non-BLOB as 0 bytes
      EXPECT_NE(message.find(c.why), std::string::npos) << message;
    }

    // Merging into the corrupt row fails too, naming it, and changes nothing.
    try {
      repo->upsert_load_profile(channels(meter, 30, 3, 3));
      FAIL() << "expected StorageError for " << c.vals;
    } catch (const StorageError& e) {
      std::string merge_message = e.what();
      EXPECT_NE(merge_message.find(expected_row), std::string::npos) << merge_message;
      EXPECT_NE(merge_message.find("stored load-profile values are corrupt"), std::string::npos)
          << merge_message;
      EXPECT_NE(merge_message.find(c.why), std::string::npos) << merge_message;
    }
  }
  // The intact interval is still readable through a range that avoids the corrupt one.
  TimeRange first;
  first.to = minute(30);
  EXPECT_EQ(repo->load_profile(meter, 1, first).size(), 2u);
}

TEST_F(LoadProfileIntervals, DeletingTheMeterDeletesItsIntervals) {
  std::int64_t meter = add_meter("LPI-9");
  std::int64_t other = add_meter("LPI-9B");
  repo->upsert_load_profile(channels(meter, 15, 1, 16));
  repo->upsert_load_profile(channels(other, 15, 1, 16));
  ASSERT_TRUE(repo->delete_meter(meter));
  EXPECT_EQ(rows(), 1);
  EXPECT_EQ(repo->load_profile(other, 1, {}).size(), 16u);
}

TEST(LoadProfileBlob, EncodesLittleEndianAndRoundTripsEveryValue) {
  using sqlite::IntervalValues;
  IntervalValues in;
  in.set(1, 1.0, 5);
  in.set(16, -0.0, 5);
  in.set(7, std::numeric_limits<double>::infinity(), 5);
  auto blob = sqlite::encode_interval(in);
  ASSERT_EQ(blob.size, 2u + 3u * 8u);
  EXPECT_EQ(blob.bytes[0], 0x41);  // channels 1 and 7
  EXPECT_EQ(blob.bytes[1], 0x80);  // channel 16
  // 1.0 is 0x3FF0000000000000: little-endian, the last byte is 0x3F.
  EXPECT_EQ(blob.bytes[2], 0x00);
  EXPECT_EQ(blob.bytes[9], 0x3F);

  IntervalValues out;
  std::string why;
  ASSERT_TRUE(sqlite::decode_interval(blob.view(), 5, out, why)) << why;
  EXPECT_EQ(out.mask, in.mask);
  EXPECT_EQ(out.values[0], 1.0);
  EXPECT_TRUE(std::isinf(out.values[6]));
  EXPECT_TRUE(std::signbit(out.values[15]));
  EXPECT_EQ(out.statuses[15], 5u);
  EXPECT_EQ(out.status(), 5u);
}

TEST(LoadProfileBlob, EveryTruncationOrExtensionIsRefusedWithoutReadingPastTheEnd) {
  sqlite::IntervalValues in;
  for (int c = 1; c <= 16; ++c) in.set(c, c * 1.5, c % 2 ? 1u : 2u);  // per-channel statuses
  auto blob = sqlite::encode_interval(in);
  ASSERT_EQ(blob.size, 2u + 12u * 16u);
  std::vector<std::uint8_t> bytes(blob.bytes.begin(), blob.bytes.begin() + blob.size);
  sqlite::IntervalValues out;
  std::string why;
  ASSERT_TRUE(sqlite::decode_interval(bytes, 0, out, why)) << why;
  EXPECT_EQ(out.statuses[0], 1u);
  EXPECT_EQ(out.statuses[1], 2u);
  EXPECT_EQ(out.values[15], 24.0);
  // Each shorter prefix in its own exactly-sized buffer (so ASan would catch an overread);
  // only 2 + 8 * 16 is valid: the values alone, read with the row's status.
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    std::vector<std::uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<long>(n));
    bool ok = sqlite::decode_interval(prefix, 9, out, why);
    EXPECT_EQ(ok, n == 2 + 8 * 16) << n << " bytes: " << why;
    if (ok) {
      EXPECT_EQ(out.statuses[3], 9u);
    }
  }
  bytes.push_back(0);
  EXPECT_FALSE(sqlite::decode_interval(bytes, 0, out, why));
}

}  // namespace
}  // namespace jemhead::storage::testing
