// The PQDIF parser (engine/pqdif_parser): stored files become observation and series rows
// equal to what the codec decodes, damaged files keep what came before the damage, and
// files left pending (by a crash or a stop) are parsed when the parser starts.
#include "engine/pqdif_parser.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "core/pqdif/logical_reader.hpp"
#include "core/pqdif/pqdif_error.hpp"
#include "storage/pqdif_ingest.hpp"
#include "tests/data/pqdif_files.hpp"
#include "tests/unit/storage/storage_test_support.hpp"

namespace jemhead::engine {
namespace {

using storage::testing::TempDir;

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string secha_bytes() {
  return read_bytes(jemhead::testing::pqdif_test_file("secha-example.pqd"));
}

// What the codec decodes from `bytes` directly: the observations before the first error,
// and that error's text ("" when none).
struct Direct {
  std::vector<pqdif::Observation> observations;
  std::string error;
};

Direct decode_directly(const std::string& bytes) {
  Direct d;
  std::istringstream in(bytes);
  try {
    pqdif::PqdifFileReader reader(in);
    while (auto o = reader.next_observation()) d.observations.push_back(std::move(*o));
  } catch (const pqdif::PqdifError& e) {
    d.error = e.what();
  }
  return d;
}

class PqdifParserTest : public ::testing::Test {
 protected:
  void SetUp() override { open(); }
  void open() {
    storage::SqliteOptions options;
    options.path = dir.file("test.db");
    repo = storage::open_sqlite(options);
  }
  PqdifStoredFile ingest(const std::string& name, const std::string& bytes) {
    storage::PqdifArrival arrival;
    arrival.file_name = name;
    arrival.source = PqdifSource::scp;
    return storage::ingest_pqdif_bytes(*repo, *files, arrival, bytes).file;
  }
  std::size_t series_rows(std::int64_t file_id) {
    std::size_t n = 0;
    for (const auto& o : repo->list_pqdif_observations(file_id)) n += o.series.size();
    return n;
  }

  TempDir dir;
  std::unique_ptr<storage::Repository> repo;
  std::shared_ptr<storage::FileStore> files =
      std::make_shared<storage::FileStore>(dir.file("pqdif"));
};

using PqdifParser_ = PqdifParserTest;
using PqdifParserWorker = PqdifParserTest;

void expect_sample_stored(storage::Repository& repo, const PqdifStoredFile& file) {
  const auto direct = decode_directly(secha_bytes());
  ASSERT_EQ(direct.error, "");
  const auto stored = repo.find_pqdif_file(file.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->parse.status, PqdifParseStatus::ok);
  EXPECT_EQ(stored->parse.error, "");
  EXPECT_EQ(stored->parse.observation_count, 47);
  EXPECT_EQ(stored->parse.compressed, true);  // record-level zlib
  EXPECT_EQ(format_iso8601(*stored->parse.last_observation), "1999-06-30T01:00:49.000000Z");

  const auto observations = repo.list_pqdif_observations(file.id);
  ASSERT_EQ(observations.size(), 47u);
  std::int64_t instances = 0;
  for (const auto& o : observations) instances += o.channel_count;
  EXPECT_EQ(instances, 312);
  std::size_t direct_series = 0;
  for (const auto& o : direct.observations)
    for (const auto& c : o.channels) direct_series += c.series.size();
  std::size_t series = 0;
  for (const auto& o : observations) series += o.series.size();
  EXPECT_EQ(series, direct_series);

  // The first trend observation, value by value.
  const auto& first = observations[0];
  const auto& want = direct.observations[0];
  EXPECT_EQ(first.name, "Steady-state trend");
  EXPECT_EQ(first.index_in_file, 0);
  EXPECT_EQ(first.time_start, want.time_start);
  EXPECT_EQ(first.time_create, want.time_create);
  EXPECT_EQ(first.trigger_method, pqdif::kTriggerPeriodic);
  EXPECT_EQ(first.channel_count, 6);
  EXPECT_FALSE(first.data_source_name.empty());
  const auto rows = repo.pqdif_series(first.id, {});
  std::size_t at = 0;
  for (std::size_t c = 0; c < want.channels.size(); ++c) {
    for (std::size_t s = 0; s < want.channels[c].series.size(); ++s, ++at) {
      ASSERT_LT(at, rows.size());
      EXPECT_EQ(rows[at].channel_index, c);
      EXPECT_EQ(rows[at].series_index, s);
      EXPECT_EQ(rows[at].values, want.channels[c].series[s].values) << c << "/" << s;
    }
  }
  EXPECT_EQ(at, rows.size());
  // Channel 0 is VAB; its series are time, min, max, avg; the others borrow its time axis.
  EXPECT_EQ(rows[0].value_type, pqdif::kValueTypeTime.to_string());
  EXPECT_EQ(rows[0].units, pqdif::kUnitsSeconds);
  EXPECT_EQ(rows[0].values.back(), 85'500.0);
  EXPECT_NEAR(rows[1].values.front(), 34501.96601772308, 1e-6);
  EXPECT_EQ(rows[4].shared_from, "0/0");
}

TEST_F(PqdifParser_, SampleFileBecomesRowsEqualToWhatTheCodecDecodes) {
  const auto file = ingest("secha-example.pqd", secha_bytes());
  const auto result = parse_stored_pqdif(*repo, *files, file);
  EXPECT_EQ(result.status, PqdifParseStatus::ok);
  expect_sample_stored(*repo, file);
}

TEST_F(PqdifParser_, AFileBeyondTheBufferIsStreamedInOneTransactionWithTheSameRows) {
  const auto file = ingest("secha-example.pqd", secha_bytes());
  PqdifParseOptions small;
  small.buffered_values = 1000;  // a few observations, then observation by observation
  const auto result = parse_stored_pqdif(*repo, *files, file, small);
  EXPECT_EQ(result.status, PqdifParseStatus::ok);
  expect_sample_stored(*repo, file);
}

TEST_F(PqdifParser_, ParsingAgainReplacesTheContent) {
  const auto file = ingest("secha-example.pqd", secha_bytes());
  parse_stored_pqdif(*repo, *files, file);
  parse_stored_pqdif(*repo, *files, file);
  EXPECT_EQ(repo->list_pqdif_observations(file.id).size(), 47u);
}

TEST_F(PqdifParser_, TruncatedFileIsPartialWithTheErrorAndWhatCameBefore) {
  const auto whole = secha_bytes();
  const auto cut = whole.substr(0, whole.size() / 2);
  const auto direct = decode_directly(cut);
  ASSERT_NE(direct.error, "");
  ASSERT_GT(direct.observations.size(), 0u);
  ASSERT_LT(direct.observations.size(), 47u);

  const auto file = ingest("cut.pqd", cut);
  const auto result = parse_stored_pqdif(*repo, *files, file);
  EXPECT_EQ(result.status, PqdifParseStatus::partial);
  const auto stored = repo->find_pqdif_file(file.id);
  EXPECT_EQ(stored->parse.status, PqdifParseStatus::partial);
  EXPECT_EQ(stored->parse.error, direct.error);
  EXPECT_NE(stored->parse.error.find("record"), std::string::npos) << stored->parse.error;
  EXPECT_NE(stored->parse.error.find("offset"), std::string::npos) << stored->parse.error;
  EXPECT_EQ(stored->parse.observation_count, static_cast<std::int64_t>(direct.observations.size()));
  const auto observations = repo->list_pqdif_observations(file.id);
  ASSERT_EQ(observations.size(), direct.observations.size());
  const auto& last = direct.observations.back();
  EXPECT_EQ(observations.back().time_start, last.time_start);
  const auto rows = repo->pqdif_series(observations.back().id, {});
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().values, last.channels.back().series.back().values);
}

TEST_F(PqdifParser_, GarbageIsFailedWithNoContent) {
  const auto file = ingest("garbage.pqd", std::string(3000, '\x5a'));
  const auto result = parse_stored_pqdif(*repo, *files, file);
  EXPECT_EQ(result.status, PqdifParseStatus::failed);
  const auto stored = repo->find_pqdif_file(file.id);
  EXPECT_EQ(stored->parse.status, PqdifParseStatus::failed);
  EXPECT_EQ(stored->parse.error.rfind("PQDIF: ", 0), 0u) << stored->parse.error;
  EXPECT_EQ(stored->parse.observation_count, 0);
  EXPECT_TRUE(repo->list_pqdif_observations(file.id).empty());
}

TEST_F(PqdifParser_, EmptyFileIsFailed) {
  const auto file = ingest("empty.pqd", "");
  EXPECT_EQ(parse_stored_pqdif(*repo, *files, file).status, PqdifParseStatus::failed);
  EXPECT_NE(repo->find_pqdif_file(file.id)->parse.error, "");
}

TEST_F(PqdifParser_, MissingObjectIsFailedNotAnException) {
  PqdifStoredFile row;
  row.file_name = "gone.pqd";
  row.sha256 = std::string(64, 'e');
  row.id = repo->insert_pqdif_file(row).id;
  const auto result = parse_stored_pqdif(*repo, *files, row);
  EXPECT_EQ(result.status, PqdifParseStatus::failed);
  EXPECT_NE(result.error.find("missing from the file store"), std::string::npos) << result.error;
  EXPECT_EQ(repo->find_pqdif_file(row.id)->parse.status, PqdifParseStatus::failed);
}

TEST_F(PqdifParserWorker, ParsesWhatIsIngestedAfterANotify) {
  PqdifParser parser(*repo, files, nullptr);
  parser.start();
  ASSERT_TRUE(parser.wait_idle(std::chrono::seconds(10)));
  EXPECT_EQ(parser.files_parsed(), 0u);
  const auto file = ingest("secha-example.pqd", secha_bytes());
  const auto garbage = ingest("garbage.pqd", "not PQDIF at all");
  parser.notify();
  ASSERT_TRUE(parser.wait_idle(std::chrono::seconds(30)));
  EXPECT_EQ(parser.files_parsed(), 2u);
  expect_sample_stored(*repo, file);
  EXPECT_EQ(repo->find_pqdif_file(garbage.id)->parse.status, PqdifParseStatus::failed);
  EXPECT_TRUE(repo->pending_pqdif_files({}).empty());
}

TEST_F(PqdifParserWorker, FilesLeftPendingAreParsedAtTheNextStart) {
  const auto file = ingest("secha-example.pqd", secha_bytes());
  // The daemon stopped (or crashed) before parsing it.
  repo.reset();
  open();
  EXPECT_EQ(repo->find_pqdif_file(file.id)->parse.status, PqdifParseStatus::pending);
  PqdifParser parser(*repo, files, nullptr);
  parser.start();
  ASSERT_TRUE(parser.wait_idle(std::chrono::seconds(30)));
  EXPECT_EQ(parser.files_parsed(), 1u);
  expect_sample_stored(*repo, file);
}

TEST_F(PqdifParserWorker, PollFindsFilesNobodyToldItAbout) {
  PqdifParseOptions options;
  options.poll_interval = std::chrono::milliseconds(20);
  PqdifParser parser(*repo, files, nullptr, options);
  parser.start();
  ASSERT_TRUE(parser.wait_idle(std::chrono::seconds(10)));
  const auto file = ingest("garbage.pqd", "no notify for this one");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (parser.files_parsed() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(parser.wait_idle(std::chrono::seconds(10)));
  EXPECT_EQ(repo->find_pqdif_file(file.id)->parse.status, PqdifParseStatus::failed);
}

TEST_F(PqdifParserWorker, StopIsPromptAndIdempotent) {
  PqdifParser parser(*repo, files, nullptr);
  parser.start();
  parser.stop();
  parser.stop();
  ingest("late.pqd", "x");
  parser.notify();  // after stop: nothing runs, nothing breaks
  EXPECT_EQ(parser.files_parsed(), 0u);
  EXPECT_EQ(repo->pending_pqdif_files({}).size(), 1u);
}

}  // namespace
}  // namespace jemhead::engine
