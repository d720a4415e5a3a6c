// Stored PQDIF file metadata (migration 7): idempotent insert, filters, newest-first
// paging, parse results, and files kept when their meter is unknown or deleted.
#include <gtest/gtest.h>

#include "storage/repository.hpp"
#include "tests/unit/storage/storage_test_support.hpp"

namespace jemhead::storage {
namespace {

using testing::at_us;
using testing::StorageTest;

PqdifStoredFile sample_file(std::optional<std::int64_t> meter_id, const std::string& name,
                            char content) {
  PqdifStoredFile f;
  f.meter_id = meter_id;
  f.file_name = name;
  f.sha256 = std::string(64, content);
  f.size_bytes = 4321;
  f.data_type = 7;
  f.file_time = at_us(1'454'408'745'133'724);
  f.received_at = at_us(1'700'000'000'000'001);
  f.source = PqdifSource::sftp;
  return f;
}

std::vector<std::int64_t> ids(const std::vector<PqdifStoredFile>& files) {
  std::vector<std::int64_t> out;
  for (const auto& f : files) out.push_back(f.id);
  return out;
}

using Ids = std::vector<std::int64_t>;
using StoragePqdifFiles = StorageTest;

TEST_F(StoragePqdifFiles, InsertedFileReadsBackWithEveryField) {
  const auto meter = add_meter("142300003");
  const auto f = sample_file(meter, "142300003_1454408745_133724_07.pqd", 'a');
  const auto inserted = repo->insert_pqdif_file(f);
  EXPECT_TRUE(inserted.created);
  const auto got = repo->find_pqdif_file(inserted.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->id, inserted.id);
  EXPECT_EQ(got->meter_id, meter);
  EXPECT_EQ(got->file_name, f.file_name);
  EXPECT_EQ(got->sha256, f.sha256);
  EXPECT_EQ(got->size_bytes, 4321);
  EXPECT_EQ(got->data_type, 7u);
  EXPECT_EQ(got->file_time, f.file_time);
  EXPECT_EQ(got->received_at, f.received_at);
  EXPECT_EQ(got->source, PqdifSource::sftp);
  EXPECT_EQ(got->parse.status, PqdifParseStatus::pending);
  EXPECT_EQ(got->parse.error, "");
  EXPECT_EQ(got->parse.compressed, std::nullopt);
  EXPECT_EQ(got->parse.first_observation, std::nullopt);
  EXPECT_EQ(got->parse.observation_count, std::nullopt);
  EXPECT_FALSE(repo->find_pqdif_file(inserted.id + 1));
}

TEST_F(StoragePqdifFiles, SameNameAndContentIsOneRow) {
  const auto meter = add_meter("142300003");
  const auto f = sample_file(meter, "142300003_1454408745_133724_07.pqd", 'a');
  const auto first = repo->insert_pqdif_file(f);
  auto again = f;
  again.source = PqdifSource::scp;  // arrived a second way: still the same file
  const auto second = repo->insert_pqdif_file(again);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(repo->find_pqdif_file(first.id)->source, PqdifSource::sftp);
  // New content under the same name is another file; kept, never overwritten.
  const auto changed = repo->insert_pqdif_file(sample_file(meter, f.file_name, 'b'));
  EXPECT_TRUE(changed.created);
  EXPECT_NE(changed.id, first.id);
  EXPECT_EQ(repo->list_pqdif_files({}, {}).size(), 2u);
}

TEST_F(StoragePqdifFiles, IdempotentInsideATransactionAndAcrossReopen) {
  const auto meter = add_meter("142300003");
  const auto f = sample_file(meter, "142300003_1454408745_133724_07.pqd", 'a');
  PqdifInsert inside;
  repo->transact([&](Store& s) { inside = s.insert_pqdif_file(f); });
  EXPECT_TRUE(inside.created);
  repo->close();
  SqliteOptions options;
  options.path = dir.file("test.db");
  repo = open_sqlite(options);
  const auto after_restart = repo->insert_pqdif_file(f);
  EXPECT_FALSE(after_restart.created);
  EXPECT_EQ(after_restart.id, inside.id);
}

TEST_F(StoragePqdifFiles, AFileFromAnUnknownMeterIsKeptAndLaterAdopted) {
  auto orphan = sample_file(std::nullopt, "999900001_1454408745_1_01.pqd", 'c');
  const auto first = repo->insert_pqdif_file(orphan);
  EXPECT_TRUE(first.created);
  EXPECT_EQ(repo->find_pqdif_file(first.id)->meter_id, std::nullopt);
  // The meter joins the fleet and the file arrives again: the stored row gets its meter.
  const auto meter = add_meter("999900001");
  orphan.meter_id = meter;
  const auto second = repo->insert_pqdif_file(orphan);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(repo->find_pqdif_file(first.id)->meter_id, meter);
  // A different meter claiming the same file later does not move it.
  const auto other = add_meter("OTHER");
  orphan.meter_id = other;
  EXPECT_EQ(repo->insert_pqdif_file(orphan).id, first.id);
  EXPECT_EQ(repo->find_pqdif_file(first.id)->meter_id, meter);
}

TEST_F(StoragePqdifFiles, DeletingTheMeterKeepsItsFiles) {
  const auto meter = add_meter("142300003");
  const auto id = repo->insert_pqdif_file(sample_file(meter, "n_1454408745_1_1.pqd", 'a')).id;
  ASSERT_TRUE(repo->delete_meter(meter));
  const auto kept = repo->find_pqdif_file(id);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->meter_id, std::nullopt);
}

TEST_F(StoragePqdifFiles, UnknownMeterIdIsNotFound) {
  EXPECT_THROW(repo->insert_pqdif_file(sample_file(424242, "x_1454408745_1_1.pqd", 'a')), NotFound);
  EXPECT_TRUE(repo->list_pqdif_files({}, {}).empty());
}

TEST_F(StoragePqdifFiles, NamesThatDoNotParseHaveNoTypeOrTime) {
  auto f = sample_file(std::nullopt, "export.bin", 'd');
  f.data_type.reset();
  f.file_time.reset();
  const auto id = repo->insert_pqdif_file(f).id;
  const auto got = repo->find_pqdif_file(id);
  EXPECT_EQ(got->data_type, std::nullopt);
  EXPECT_EQ(got->file_time, std::nullopt);
  // A time filter leaves out files without a time.
  PqdifFileFilter timed;
  timed.file_time.from = at_us(0);
  EXPECT_TRUE(repo->list_pqdif_files(timed, {}).empty());
  PqdifFileFilter typed;
  typed.data_type_any = 0xffffffffu;
  EXPECT_TRUE(repo->list_pqdif_files(typed, {}).empty());
}

TEST_F(StoragePqdifFiles, ListFiltersCombine) {
  const auto m1 = add_meter("M1");
  const auto m2 = add_meter("M2");
  auto make = [&](std::int64_t meter, char c, std::uint32_t type, std::int64_t second,
                  PqdifSource source) {
    auto f = sample_file(meter, "f" + std::string(1, c) + ".pqd", c);
    f.data_type = type;
    f.file_time = at_us(second * 1'000'000);
    f.source = source;
    return repo->insert_pqdif_file(f).id;
  };
  const auto a = make(m1, 'a', 1, 100, PqdifSource::sftp);   // sag/swell
  const auto b = make(m1, 'b', 6, 200, PqdifSource::http);   // WFC + HSRMS
  const auto c = make(m2, 'c', 8, 300, PqdifSource::scp);    // measurement log
  const auto d = make(m2, 'd', 128, 400, PqdifSource::ftp);  // daily
  ASSERT_TRUE(repo->update_pqdif_parse_result(c, {PqdifParseStatus::ok, "", true, {}, {}, 1}));

  auto list = [&](const PqdifFileFilter& filter) {
    return ids(repo->list_pqdif_files(filter, {}));
  };
  EXPECT_EQ(list({}), (Ids{d, c, b, a}));  // newest first
  PqdifFileFilter f;
  f.meter_id = m1;
  EXPECT_EQ(list(f), (Ids{b, a}));
  f = {};
  f.data_type_any = 2 | 8;  // waveform or measurement log
  EXPECT_EQ(list(f), (Ids{c, b}));
  f = {};
  f.file_time = {at_us(200'000'000), at_us(400'000'000)};  // [from, to)
  EXPECT_EQ(list(f), (Ids{c, b}));
  f = {};
  f.source = PqdifSource::ftp;
  EXPECT_EQ(list(f), (Ids{d}));
  f = {};
  f.parse_status = PqdifParseStatus::pending;
  EXPECT_EQ(list(f), (Ids{d, b, a}));
  f.meter_id = m2;
  EXPECT_EQ(list(f), (Ids{d}));
  f = {};
  f.file_name = "fb.pqd";
  EXPECT_EQ(list(f), (Ids{b}));
}

TEST_F(StoragePqdifFiles, PagesGoFromNewestToOldest) {
  Ids inserted;
  for (char c = 'a'; c <= 'e'; ++c)
    inserted.push_back(
        repo->insert_pqdif_file(sample_file(std::nullopt, std::string(1, c) + ".pqd", c)).id);
  const auto first = repo->list_pqdif_files({}, Page{0, 2});
  EXPECT_EQ(ids(first), (Ids{inserted[4], inserted[3]}));
  const auto second = repo->list_pqdif_files({}, Page{first.back().id, 2});
  EXPECT_EQ(ids(second), (Ids{inserted[2], inserted[1]}));
  const auto last = repo->list_pqdif_files({}, Page{second.back().id, 2});
  EXPECT_EQ(ids(last), (Ids{inserted[0]}));
}

TEST_F(StoragePqdifFiles, ParseResultIsRecorded) {
  const auto id = repo->insert_pqdif_file(sample_file(std::nullopt, "p.pqd", 'a')).id;
  PqdifParseResult r;
  r.status = PqdifParseStatus::partial;
  r.error = "record 3 at offset 4096: checksum mismatch";
  r.compressed = false;
  r.first_observation = at_us(1'600'000'000'000'000);
  r.last_observation = at_us(1'600'000'086'400'000);
  r.observation_count = 3;
  EXPECT_TRUE(repo->update_pqdif_parse_result(id, r));
  const auto got = repo->find_pqdif_file(id)->parse;
  EXPECT_EQ(got.status, PqdifParseStatus::partial);
  EXPECT_EQ(got.error, r.error);
  EXPECT_EQ(got.compressed, false);
  EXPECT_EQ(got.first_observation, r.first_observation);
  EXPECT_EQ(got.last_observation, r.last_observation);
  EXPECT_EQ(got.observation_count, 3);
  EXPECT_FALSE(repo->update_pqdif_parse_result(id + 100, r));
}

TEST_F(StoragePqdifFiles, ReceivedAtDefaultsToNow) {
  auto f = sample_file(std::nullopt, "now.pqd", 'a');
  f.received_at = {};
  const auto before = utc_now();
  const auto got = repo->find_pqdif_file(repo->insert_pqdif_file(f).id);
  EXPECT_GE(got->received_at, before);
  EXPECT_LE(got->received_at, utc_now());
}

}  // namespace
}  // namespace jemhead::storage
