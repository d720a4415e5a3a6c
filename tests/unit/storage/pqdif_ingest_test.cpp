// Ingesting a PQDIF file: object then row, meter by the serial in the name, exactly once.
#include "storage/pqdif_ingest.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/digest/sha256.hpp"
#include "tests/unit/storage/storage_test_support.hpp"

namespace jemhead::storage {
namespace {

using testing::StorageTest;

class StoragePqdifIngest : public StorageTest {
 protected:
  PqdifArrival arrival(const std::string& name, PqdifSource source = PqdifSource::scp) {
    PqdifArrival a;
    a.file_name = name;
    a.source = source;
    return a;
  }
  FileStore files{dir.file("pqdif")};
};

TEST_F(StoragePqdifIngest, StoresTheBytesAndTheNameMetadataForTheSerialsMeter) {
  const auto meter = add_meter("142300003");
  const auto got = ingest_pqdif_bytes(*repo, files, arrival("142300003_1454408745_133724_07.pqd"),
                                      "PQDIF bytes");
  EXPECT_TRUE(got.created);
  EXPECT_EQ(got.file.meter_id, meter);
  EXPECT_EQ(got.file.sha256, digest::sha256_hex("PQDIF bytes"));
  EXPECT_EQ(got.file.size_bytes, 11);
  EXPECT_EQ(got.file.data_type, 7u);
  EXPECT_EQ(format_iso8601(*got.file.file_time), "2016-02-02T10:25:45.133724Z");
  EXPECT_EQ(got.file.source, PqdifSource::scp);
  EXPECT_EQ(got.file.parse.status, PqdifParseStatus::pending);
  EXPECT_EQ(files.read(got.file.sha256), "PQDIF bytes");
  EXPECT_EQ(repo->find_pqdif_file(got.file.id)->file_name, "142300003_1454408745_133724_07.pqd");
}

TEST_F(StoragePqdifIngest, TheSameFileTwiceIsIngestedOnce) {
  add_meter("142300003");
  const auto name = "142300003_1454408745_133724_07.pqd";
  const auto first = ingest_pqdif_bytes(*repo, files, arrival(name), "bytes");
  const auto second = ingest_pqdif_bytes(*repo, files, arrival(name, PqdifSource::ftp), "bytes");
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.file.id, first.file.id);
  EXPECT_EQ(second.file.source, PqdifSource::scp);
  EXPECT_EQ(repo->list_pqdif_files({}, {}).size(), 1u);
}

TEST_F(StoragePqdifIngest, AnUnknownSerialOrAnOddNameIsKeptWithoutMeter) {
  const auto unknown = ingest_pqdif_bytes(*repo, files, arrival("777_1454408745_1_1.pqd"), "x");
  EXPECT_TRUE(unknown.created);
  EXPECT_EQ(unknown.file.meter_id, std::nullopt);
  EXPECT_EQ(unknown.file.data_type, 1u);
  const auto odd = ingest_pqdif_bytes(*repo, files, arrival("capture.PQD.tmp"), "y");
  EXPECT_TRUE(odd.created);
  EXPECT_EQ(odd.file.meter_id, std::nullopt);
  EXPECT_EQ(odd.file.data_type, std::nullopt);
  EXPECT_EQ(odd.file.file_time, std::nullopt);
}

TEST_F(StoragePqdifIngest, AGivenMeterWinsOverTheSerial) {
  add_meter("142300003");
  const auto other = add_meter("OTHER");
  auto a = arrival("142300003_1454408745_133724_07.pqd");
  a.meter_id = other;
  EXPECT_EQ(ingest_pqdif_bytes(*repo, files, a, "z").file.meter_id, other);
  a.meter_id = 999;
  a.file_name = "another.pqd";
  EXPECT_THROW(ingest_pqdif_bytes(*repo, files, a, "z2"), NotFound);
}

TEST_F(StoragePqdifIngest, StreamsFromAPathAndRunsTheExtraWorkInTheSameTransaction) {
  {
    std::ofstream out(dir.file("drop.pqd"), std::ios::binary);
    out << std::string(200'000, '\x5a');
  }
  auto a = arrival("drop.pqd");
  int calls = 0;
  a.also = [&](Store&, const PqdifStoredFile& stored, bool created) {
    ++calls;
    EXPECT_TRUE(created);
    EXPECT_EQ(stored.file_name, "drop.pqd");
    EXPECT_EQ(stored.size_bytes, 200'000);
    throw std::runtime_error("audit failed");
  };
  EXPECT_THROW(ingest_pqdif_path(*repo, files, a, dir.file("drop.pqd")), std::runtime_error);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(repo->list_pqdif_files({}, {}).empty());  // rolled back with it
  a.also = nullptr;
  const auto got = ingest_pqdif_path(*repo, files, a, dir.file("drop.pqd"));
  EXPECT_TRUE(got.created);
  EXPECT_EQ(got.file.size_bytes, 200'000);
  EXPECT_EQ(got.file.sha256, digest::sha256_hex(std::string(200'000, '\x5a')));
}

}  // namespace
}  // namespace jemhead::storage
