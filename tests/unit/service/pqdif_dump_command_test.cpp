// `jemhead pqdif dump`: a real file (secha-example.pqd, written by other software) as text
// and as JSON, and a cut file, which prints what was read and the error with its record.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>

#include "tests/data/pqdif_files.hpp"
#include "tests/unit/service/command_runner.hpp"

namespace jemhead::service {
namespace {

using testing::run;

const std::string kSample = jemhead::testing::pqdif_test_file("secha-example.pqd");

TEST(PqdifDumpCommand, JsonHasEveryRecordAndValue) {
  const auto r = run({"pqdif", "dump", kSample, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto doc = boost::json::parse(r.out).as_object();
  EXPECT_TRUE(doc.at("complete").as_bool());
  const auto& records = doc.at("records").as_array();
  ASSERT_EQ(records.size(), 50u);  // container, data source, monitor settings, 47 observations
  const auto& container = records[0].as_object();
  EXPECT_EQ(container.at("name").as_string(), "tagContainer");
  EXPECT_EQ(container.at("offset").as_int64(), 0);
  EXPECT_EQ(container.at("checksum").as_string(), "adler32-stored");
  EXPECT_FALSE(container.at("compressed").as_bool());
  const auto& first = container.at("body").at("children").as_array()[0].as_object();
  EXPECT_EQ(first.at("name").as_string(), "tagFileName");
  EXPECT_EQ(first.at("value").as_string(), "D:\\PQDIF\\Native15\\PQDIFr\\example.pqd");
  EXPECT_EQ(records[1].at("name").as_string(), "tagRecDataSource");
  EXPECT_TRUE(records[1].at("compressed").as_bool());
  EXPECT_EQ(records[49].at("name").as_string(), "tagRecObservation");
}

TEST(PqdifDumpCommand, TextNamesTagsAndShortensLongVectors) {
  const auto r = run({"pqdif", "dump", kSample});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("record 0 at 0: tagContainer, 1036 bytes, checksum adler32-stored\n", 0),
            0u);
  EXPECT_NE(r.out.find("    tagCreation timestamp = 1999-07-16T21:27:05.000000Z\n"),
            std::string::npos);
  EXPECT_NE(r.out.find("(ID_QT_WAVEFORM)"), std::string::npos);
  EXPECT_NE(r.out.find(" ...\n"), std::string::npos);  // long vectors show their first values
  EXPECT_EQ(r.out.find("incomplete"), std::string::npos);
}

TEST(PqdifDumpCommand, ACutFileShowsWhatWasReadAndTheErrorWithItsRecord) {
  std::string bytes(5000, '\0');
  std::ifstream(kSample, std::ios::binary).read(bytes.data(), 5000);
  const auto cut = (std::filesystem::temp_directory_path() / "jemhead-dump-cut.pqd").string();
  std::ofstream(cut, std::ios::binary).write(bytes.data(), 5000);
  const auto r = run({"pqdif", "dump", cut, "--json"});
  std::filesystem::remove(cut);
  EXPECT_EQ(r.code, 1);
  const auto doc = boost::json::parse(r.out).as_object();
  EXPECT_FALSE(doc.at("complete").as_bool());
  // Records 0-2 (1,100 + compressed bodies) fit in 5,000 bytes; record 3 starts at 4,605.
  EXPECT_EQ(doc.at("records").as_array().size(), 3u);
  EXPECT_EQ(doc.at("error").as_string(),
            "PQDIF: truncated record body: 331 of 4025 bytes (record 3, offset 4605)");
  EXPECT_NE(r.err.find("(record 3, offset 4605)"), std::string::npos) << r.err;
}

TEST(PqdifDumpCommand, MaxValuesLimitsJsonVectors) {
  const auto r = run({"pqdif", "dump", kSample, "--json", "--max-values", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"truncated\":true"), std::string::npos);
}

TEST(PqdifDumpCommand, BadUsageAndMissingFilesAreClear) {
  EXPECT_EQ(run({"pqdif"}).code, 2);
  EXPECT_EQ(run({"pqdif", "list"}).code, 2);
  EXPECT_EQ(run({"pqdif", "dump"}).code, 2);
  EXPECT_EQ(run({"pqdif", "dump", kSample, "--max-values", "many"}).code, 2);
  const auto missing = run({"pqdif", "dump", "/nonexistent/x.pqd"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("cannot open /nonexistent/x.pqd"), std::string::npos);
}

}  // namespace
}  // namespace jemhead::service
