// Parsed PQDIF content (migration 8): observations and series stored with the file's parse
// result in one transaction, replaced as a whole, values read back bit for bit, listings
// without values, channel filters, and content removed with its file.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "storage/repository.hpp"
#include "tests/unit/storage/raw_sqlite.hpp"
#include "tests/unit/storage/storage_test_support.hpp"

namespace jemhead::storage {
namespace {

using testing::at_us;
using testing::RawDb;
using testing::StorageTest;

PqdifSeriesRow series(std::uint32_t channel, std::uint32_t index, std::vector<double> values) {
  PqdifSeriesRow s;
  s.channel_index = channel;
  s.series_index = index;
  s.channel_name = "V A" + std::to_string(channel);
  s.phase = 1;
  s.quantity_type = "67f6af80-f753-11cf-9d89-0080c72e70a3";
  s.quantity_measured = 1;
  s.value_type = "67f6af8a-f753-11cf-9d89-0080c72e70a3";
  s.units = 2;
  s.characteristic = "a6b31897-c5a4-11cf-9d89-0080c72e70a3";
  s.storage_method = 1;
  s.value_count = static_cast<std::int64_t>(values.size());
  s.values = std::move(values);
  return s;
}

PqdifObservationRow observation(std::int64_t index, std::int64_t start_us) {
  PqdifObservationRow o;
  o.index_in_file = index;
  o.name = "obs " + std::to_string(index);
  o.time_start = at_us(start_us);
  o.time_create = at_us(start_us + 5);
  o.trigger_method = 2;
  o.channel_count = 2;
  o.data_source_name = "JEMStar II";
  o.series.push_back(series(0, 0, {0.0, 0.5, 1.0}));
  o.series.push_back(series(0, 1, {230.25, -1e-300, 231.0}));
  o.series.push_back(series(1, 0, {7.0}));
  return o;
}

PqdifParseResult ok_result(std::int64_t count) {
  PqdifParseResult r;
  r.status = PqdifParseStatus::ok;
  r.compressed = true;
  r.first_observation = at_us(1'000);
  r.last_observation = at_us(2'000);
  r.observation_count = count;
  return r;
}

class StoragePqdifContent : public StorageTest {
 protected:
  std::int64_t add_file(char content = 'a') {
    PqdifStoredFile f;
    f.file_name = "x.pqd";
    f.sha256 = std::string(64, content);
    f.size_bytes = 10;
    return repo->insert_pqdif_file(f).id;
  }
};

TEST_F(StoragePqdifContent, ContentAndResultReadBack) {
  const auto file = add_file();
  std::vector<PqdifObservationRow> rows{observation(0, 1'000), observation(1, 2'000)};
  rows[1].time_triggered = at_us(2'100);
  rows[1].series[0].channel_group_id = -3;
  rows[1].series[1].shared_from = "0/0";
  rows[1].series[1].quantity_measured.reset();
  ASSERT_TRUE(repo->replace_pqdif_content(file, rows, ok_result(2)));

  const auto f = repo->find_pqdif_file(file);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->parse.status, PqdifParseStatus::ok);
  EXPECT_EQ(f->parse.observation_count, 2);
  EXPECT_EQ(f->parse.compressed, true);

  const auto listed = repo->list_pqdif_observations(file);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].file_id, file);
  EXPECT_EQ(listed[0].index_in_file, 0);
  EXPECT_EQ(listed[0].name, "obs 0");
  EXPECT_EQ(listed[0].time_start, at_us(1'000));
  EXPECT_EQ(listed[0].time_create, at_us(1'005));
  EXPECT_EQ(listed[0].time_triggered, std::nullopt);
  EXPECT_EQ(listed[1].time_triggered, at_us(2'100));
  EXPECT_EQ(listed[0].trigger_method, 2u);
  EXPECT_EQ(listed[0].channel_count, 2);
  EXPECT_EQ(listed[0].data_source_name, "JEMStar II");
  ASSERT_EQ(listed[1].series.size(), 3u);
  const auto& s0 = listed[1].series[0];
  EXPECT_EQ(s0.observation_id, listed[1].id);
  EXPECT_EQ(s0.channel_name, "V A0");
  EXPECT_EQ(s0.phase, 1u);
  EXPECT_EQ(s0.quantity_type, "67f6af80-f753-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(s0.quantity_measured, 1u);
  EXPECT_EQ(s0.channel_group_id, -3);
  EXPECT_EQ(s0.value_type, "67f6af8a-f753-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(s0.units, 2u);
  EXPECT_EQ(s0.characteristic, "a6b31897-c5a4-11cf-9d89-0080c72e70a3");
  EXPECT_EQ(s0.storage_method, 1u);
  EXPECT_EQ(s0.shared_from, std::nullopt);
  EXPECT_EQ(s0.value_count, 3);
  EXPECT_TRUE(s0.values.empty());  // listings carry no values
  EXPECT_EQ(listed[1].series[1].shared_from, "0/0");
  EXPECT_EQ(listed[1].series[1].quantity_measured, std::nullopt);
  EXPECT_EQ(listed[1].series[2].channel_index, 1u);

  const auto values = repo->pqdif_series(listed[1].id, {});
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[1].values, (std::vector<double>{230.25, -1e-300, 231.0}));
  EXPECT_EQ(values[2].values, (std::vector<double>{7.0}));
}

TEST_F(StoragePqdifContent, ValuesAreBitExactIncludingNanAndInfinity) {
  const auto file = add_file();
  auto o = observation(0, 1'000);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  o.series[0].values = {nan, inf, -inf, -0.0, std::numeric_limits<double>::denorm_min()};
  ASSERT_TRUE(repo->replace_pqdif_content(file, {&o, 1}, ok_result(1)));
  const auto id = repo->find_pqdif_observation(file, 0)->id;
  const auto got = repo->pqdif_series(id, {})[0];
  ASSERT_EQ(got.values.size(), 5u);
  EXPECT_EQ(got.value_count, 5);  // follows the values, not what the caller said
  EXPECT_TRUE(std::isnan(got.values[0]));
  EXPECT_EQ(got.values[1], inf);
  EXPECT_EQ(got.values[2], -inf);
  EXPECT_TRUE(std::signbit(got.values[3]));
  EXPECT_EQ(got.values[4], std::numeric_limits<double>::denorm_min());

  // Compact: eight bytes per value, little-endian (230.25 = 0x406CC80000000000).
  RawDb raw(dir.file("test.db"));
  EXPECT_EQ(raw.scalar("SELECT length(values_blob) FROM pqdif_series WHERE series_index = 1"
                       " AND channel_index = 0"),
            24);
  EXPECT_EQ(raw.scalar("SELECT hex(substr(values_blob, 1, 8)) = '0000000000C86C40'"
                       " FROM pqdif_series WHERE series_index = 1 AND channel_index = 0"),
            1);
}

TEST_F(StoragePqdifContent, ChannelFilterSelectsChannelInstances) {
  const auto file = add_file();
  const auto o = observation(0, 1'000);
  ASSERT_TRUE(repo->replace_pqdif_content(file, {&o, 1}, ok_result(1)));
  const auto id = repo->find_pqdif_observation(file, 0)->id;
  const std::uint32_t one[] = {1};
  const auto only = repo->pqdif_series(id, one);
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0].channel_index, 1u);
  const std::uint32_t none[] = {9};
  EXPECT_TRUE(repo->pqdif_series(id, none).empty());
  EXPECT_TRUE(repo->pqdif_series(id + 100, {}).empty());
  EXPECT_FALSE(repo->find_pqdif_observation(file, 1));
  EXPECT_FALSE(repo->find_pqdif_observation(file + 1, 0));
}

TEST_F(StoragePqdifContent, ReplacingDropsTheEarlierContent) {
  const auto file = add_file();
  std::vector<PqdifObservationRow> rows{observation(0, 1'000), observation(1, 2'000)};
  ASSERT_TRUE(repo->replace_pqdif_content(file, rows, ok_result(2)));
  auto partial = ok_result(1);
  partial.status = PqdifParseStatus::partial;
  partial.error = "PQDIF: truncated (record 3, offset 4096)";
  ASSERT_TRUE(repo->replace_pqdif_content(file, {rows.data(), 1}, partial));
  EXPECT_EQ(repo->list_pqdif_observations(file).size(), 1u);
  EXPECT_EQ(repo->find_pqdif_file(file)->parse.error, partial.error);
  RawDb raw(dir.file("test.db"));
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM pqdif_series"), 3);  // no orphans
}

TEST_F(StoragePqdifContent, UnknownFileIsRefusedAndChangesNothing) {
  const auto o = observation(0, 1'000);
  EXPECT_FALSE(repo->replace_pqdif_content(999, {&o, 1}, ok_result(1)));
  EXPECT_FALSE(repo->add_pqdif_observations(999, {&o, 1}));
  RawDb raw(dir.file("test.db"));
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM pqdif_observations"), 0);
}

TEST_F(StoragePqdifContent, FailureMidWayLeavesTheFilePendingWithoutContent) {
  const auto file = add_file();
  std::vector<PqdifObservationRow> rows{observation(0, 1'000), observation(0, 2'000)};
  // The second observation repeats index 0: the insert fails after the first one went in.
  EXPECT_THROW(repo->replace_pqdif_content(file, rows, ok_result(2)), StorageError);
  EXPECT_EQ(repo->find_pqdif_file(file)->parse.status, PqdifParseStatus::pending);
  EXPECT_TRUE(repo->list_pqdif_observations(file).empty());
}

TEST_F(StoragePqdifContent, AddInsideATransactionCommitsWithTheResult) {
  const auto file = add_file();
  const auto first = observation(0, 1'000);
  const auto second = observation(1, 2'000);
  EXPECT_THROW(repo->transact([&](Store& s) {
    s.replace_pqdif_content(file, {&first, 1}, PqdifParseResult{});
    s.add_pqdif_observations(file, {&second, 1});
    throw std::runtime_error("crash while parsing");
  }),
               std::runtime_error);
  EXPECT_TRUE(repo->list_pqdif_observations(file).empty());
  repo->transact([&](Store& s) {
    s.replace_pqdif_content(file, {&first, 1}, PqdifParseResult{});
    s.add_pqdif_observations(file, {&second, 1});
    s.update_pqdif_parse_result(file, ok_result(2));
  });
  EXPECT_EQ(repo->list_pqdif_observations(file).size(), 2u);
  EXPECT_EQ(repo->find_pqdif_file(file)->parse.status, PqdifParseStatus::ok);
}

TEST_F(StoragePqdifContent, PendingFilesOldestFirstAfterAnId) {
  const auto a = add_file('a');
  const auto b = add_file('b');
  const auto c = add_file('c');
  ASSERT_TRUE(repo->replace_pqdif_content(b, {}, ok_result(0)));
  const auto pending = repo->pending_pqdif_files({});
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].id, a);
  EXPECT_EQ(pending[1].id, c);
  const auto after = repo->pending_pqdif_files(Page{a, 10});
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].id, c);
  EXPECT_EQ(repo->pending_pqdif_files(Page{0, 1}).size(), 1u);
}

TEST_F(StoragePqdifContent, DeletingTheFileDeletesItsContent) {
  const auto file = add_file();
  const auto o = observation(0, 1'000);
  ASSERT_TRUE(repo->replace_pqdif_content(file, {&o, 1}, ok_result(1)));
  repo.reset();  // close, so the raw connection writes alone
  RawDb raw(dir.file("test.db"));
  raw.exec("PRAGMA foreign_keys = ON; DELETE FROM pqdif_files WHERE id = " + std::to_string(file));
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM pqdif_observations"), 0);
  EXPECT_EQ(raw.scalar("SELECT count(*) FROM pqdif_series"), 0);
}

}  // namespace
}  // namespace jemhead::storage
