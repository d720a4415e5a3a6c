// The PQDIF job kind's retrieval (engine/pqdif_retrieval) against a scripted session and a
// real SQLite repository and file store: only new files are fetched, each is stored on its
// own, deleting on the meter happens only after the file is stored, one file's failure
// keeps the others, a lost connection stops the rest for the next attempt.
#include "engine/pqdif_retrieval.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>
#include <fstream>
#include <set>

#include "core/digest/sha256.hpp"
#include "storage/pqdif_ingest.hpp"
#include "tests/unit/storage/storage_test_support.hpp"

namespace jemhead::engine {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using drivers::RemoteFile;
using storage::testing::TempDir;

// A meter offering `files`; `fail` names files whose download fails with the given error.
class ScriptedSession final : public drivers::Session {
 public:
  std::map<std::string, std::string> files;
  std::map<std::string, std::string> fail;  // name -> "bad" | "lost"
  std::vector<std::string> calls;
  storage::Repository* repo = nullptr;  // to check that a deleted file was stored before
  std::int64_t meter_id = 0;
  bool deleted_before_stored = false;

  drivers::Task<std::vector<RemoteFile>> list_pq_files() override {
    std::vector<RemoteFile> out;
    for (const auto& [name, bytes] : files) out.push_back({name, bytes.size(), {}});
    co_return out;
  }
  drivers::Task<void> fetch_pq_file(RemoteFile file, fs::path into) override {
    calls.push_back("fetch " + file.name);
    if (auto f = fail.find(file.name); f != fail.end()) {
      if (f->second == "lost") throw drivers::ConnectionFailed("link lost");
      throw drivers::BadResponse("damaged transfer");
    }
    std::ofstream(into, std::ios::binary) << files.at(file.name);
    co_return;
  }
  drivers::Task<void> delete_pq_file(RemoteFile file) override {
    calls.push_back("delete " + file.name);
    storage::PqdifFileFilter filter;
    filter.meter_id = meter_id;
    filter.file_name = file.name;
    if (repo->list_pqdif_files(filter, {}).empty()) deleted_before_stored = true;
    files.erase(file.name);
    co_return;
  }
  drivers::Task<void> close() override { co_return; }
};

asio::awaitable<void> retrieve(ScriptedSession* s, const PqdifRetrievalContext* c,
                               PqdifRetrievalResult* out) {
  auto op = retrieve_pqdif(*s, *c, *out);
  co_await std::move(op);
}

class PqdifRetrievalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::SqliteOptions options;
    options.path = dir.file("test.db");
    repo = storage::open_sqlite(options);
    auto m = storage::testing::sample_meter("142300003");
    m.enabled = true;
    meter_id = repo->insert_meter(m);
    setup.files = std::make_shared<storage::FileStore>(dir.file("pqdif"));
    setup.stored = [this] { ++notified; };
    session.repo = repo.get();
    session.meter_id = meter_id;
  }

  // Runs the retrieval; returns the error's kind ("" when none).
  std::string run(bool delete_after) {
    PqdifRetrievalContext context{
        *repo, setup, pool.get_executor(), meter_id, PqdifSource::http, delete_after};
    asio::io_context io;
    auto done = asio::co_spawn(io, retrieve(&session, &context, &result), asio::use_future);
    io.run();
    try {
      done.get();
    } catch (const drivers::DriverError& e) {
      return std::string(e.kind());
    }
    return "";
  }

  std::vector<PqdifStoredFile> stored() {
    storage::PqdifFileFilter filter;
    filter.meter_id = meter_id;
    return repo->list_pqdif_files(filter, {});
  }

  std::size_t temporaries() {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(setup.files->root() / "tmp")) n += e.exists();
    return n;
  }

  TempDir dir;
  std::unique_ptr<storage::Repository> repo;
  std::int64_t meter_id = 0;
  PqdifRetrievalSetup setup;
  int notified = 0;
  asio::thread_pool pool{1};
  ScriptedSession session;
  PqdifRetrievalResult result;
};

TEST_F(PqdifRetrievalTest, StoresOnlyNewFilesWithTheirBytes) {
  session.files = {{"142300003_1454408745_133724_07.pqd", "first file"},
                   {"142300003_1454408800_5_128.pqd", "second"},
                   {"142300003_1454408900_0_1.pqd", "third one"}};
  storage::PqdifArrival earlier;
  earlier.file_name = "142300003_1454408800_5_128.pqd";
  earlier.meter_id = meter_id;
  earlier.source = PqdifSource::http;
  storage::ingest_pqdif_bytes(*repo, *setup.files, earlier, "second");

  EXPECT_EQ(run(false), "");
  EXPECT_EQ(result.retrieved, 2);
  EXPECT_EQ(result.skipped, 1);
  EXPECT_EQ(result.deleted, 0);
  EXPECT_EQ(notified, 2);
  EXPECT_EQ(session.calls, (std::vector<std::string>{"fetch 142300003_1454408745_133724_07.pqd",
                                                     "fetch 142300003_1454408900_0_1.pqd"}));
  const auto rows = stored();
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& row : rows) {
    const auto& bytes = session.files.at(row.file_name);
    EXPECT_EQ(row.size_bytes, static_cast<std::int64_t>(bytes.size()));
    EXPECT_EQ(row.sha256, digest::sha256_hex(bytes)) << row.file_name;
    EXPECT_EQ(row.source, PqdifSource::http);
    EXPECT_EQ(setup.files->read(row.sha256), bytes);
  }
  EXPECT_EQ(temporaries(), 0u) << "downloads are removed once stored";

  // Nothing new: nothing fetched.
  session.calls.clear();
  result = {};
  EXPECT_EQ(run(false), "");
  EXPECT_EQ(result.retrieved, 0);
  EXPECT_EQ(result.skipped, 3);
  EXPECT_TRUE(session.calls.empty());
}

TEST_F(PqdifRetrievalTest, SameNameWithAnotherSizeIsFetchedAgain) {
  session.files = {{"a_1_0_1.pqd", "grown since the last time"}};
  storage::PqdifArrival earlier;
  earlier.file_name = "a_1_0_1.pqd";
  earlier.meter_id = meter_id;
  storage::ingest_pqdif_bytes(*repo, *setup.files, earlier, "short");
  EXPECT_EQ(run(false), "");
  EXPECT_EQ(result.retrieved, 1);
  EXPECT_EQ(stored().size(), 2u);
}

TEST_F(PqdifRetrievalTest, OneFailedFileKeepsTheOthersAndIsNotDeleted) {
  session.files = {{"a_1_0_1.pqd", "aaa"}, {"b_1_0_1.pqd", "bbb"}, {"c_1_0_1.pqd", "ccc"}};
  session.fail["b_1_0_1.pqd"] = "bad";
  EXPECT_EQ(run(true), "bad_response");
  EXPECT_EQ(result.retrieved, 2);
  EXPECT_EQ(result.deleted, 2);
  EXPECT_FALSE(session.deleted_before_stored);
  EXPECT_EQ(session.calls, (std::vector<std::string>{"fetch a_1_0_1.pqd", "delete a_1_0_1.pqd",
                                                     "fetch b_1_0_1.pqd", "fetch c_1_0_1.pqd",
                                                     "delete c_1_0_1.pqd"}));
  EXPECT_EQ(session.files.size(), 1u) << "the failed file stays on the meter";
  EXPECT_EQ(stored().size(), 2u);
  EXPECT_EQ(temporaries(), 0u);
}

TEST_F(PqdifRetrievalTest, LostConnectionLeavesTheRestForTheNextAttempt) {
  session.files = {{"a_1_0_1.pqd", "aaa"}, {"b_1_0_1.pqd", "bbb"}, {"c_1_0_1.pqd", "ccc"}};
  session.fail["b_1_0_1.pqd"] = "lost";
  EXPECT_EQ(run(false), "connection_failed");
  EXPECT_EQ(result.retrieved, 1);
  EXPECT_EQ(session.calls, (std::vector<std::string>{"fetch a_1_0_1.pqd", "fetch b_1_0_1.pqd"}));
  // The next attempt (the link is back) lists again and takes only what is missing.
  session.fail.clear();
  session.calls.clear();
  EXPECT_EQ(run(false), "");
  EXPECT_EQ(result.retrieved, 3);
  EXPECT_EQ(session.calls, (std::vector<std::string>{"fetch b_1_0_1.pqd", "fetch c_1_0_1.pqd"}));
}

TEST_F(PqdifRetrievalTest, WithoutAFileStoreTheKindIsAConfigurationError) {
  setup.files.reset();
  session.files = {{"a_1_0_1.pqd", "aaa"}};
  EXPECT_EQ(run(false), "configuration");
  EXPECT_TRUE(session.calls.empty());
}

TEST(PqdifDeleteOption, ReadFromTheProfilesOptions) {
  ConnectionProfile p;
  p.options_json = R"({"username":"pq","delete_after_retrieval":true})";
  EXPECT_TRUE(deletes_after_retrieval(p));
  p.options_json = R"({"delete_after_retrieval":"yes"})";
  EXPECT_FALSE(deletes_after_retrieval(p));
  p.options_json = "{}";
  EXPECT_FALSE(deletes_after_retrieval(p));
  p.options_json = "not json";
  EXPECT_FALSE(deletes_after_retrieval(p));
}

}  // namespace
}  // namespace jemhead::engine
