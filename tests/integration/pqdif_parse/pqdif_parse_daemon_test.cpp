// The PQDIF parser inside the real jemhead (issue 6): an uploaded file is parsed off the
// request path and its observations served; a file stored while the daemon was down (or
// left pending by a crash) is parsed when the daemon starts.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <thread>

#include "storage/file_store.hpp"
#include "storage/pqdif_ingest.hpp"
#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string sample_bytes() {
  return read_file(std::string(JEMHEAD_SOURCE_DIR) + "/tests/data/pqdif/secha-example.pqd");
}

// The file's metadata once the parser is done with it (or the last one seen after 30 s).
json::object parsed(const Jemhead& jemhead, std::int64_t id) {
  json::object file;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  do {
    const auto r = jemhead.call("GET", "/api/v1/pqdif/" + std::to_string(id), {}, kViewerToken);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) break;
    file = r.json().as_object();
    if (file.at("parse_status").as_string() != "pending") break;
    std::this_thread::sleep_for(50ms);
  } while (std::chrono::steady_clock::now() < deadline);
  return file;
}

void expect_sample_served(const Jemhead& jemhead, std::int64_t id) {
  const auto file = parsed(jemhead, id);
  ASSERT_FALSE(file.empty());
  EXPECT_EQ(file.at("parse_status").as_string(), "ok");
  EXPECT_EQ(file.at("observation_count").as_int64(), 47);
  const auto path = "/api/v1/pqdif/" + std::to_string(id) + "/observations";
  const auto list = jemhead.call("GET", path, {}, kViewerToken);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json().at("observations").as_array().size(), 47u);
  const auto values = jemhead.call("GET", path + "/0?max_points=20&channels=0", {}, kViewerToken);
  ASSERT_EQ(values.status, 200) << values.body;
  const auto body = values.json();  // kept alive: `series` points into it
  const auto& series = body.at("series").as_array();
  ASSERT_EQ(series.size(), 4u);
  for (const auto& s : series) EXPECT_LE(s.at("values").as_array().size(), 20u);
}

TEST(PqdifParseDaemon, UploadedFileIsParsedAndServed) {
  TempDir dir;
  Jemhead jemhead(dir, daemon_config(dir));
  const auto r =
      jemhead.call("POST", "/api/v1/pqdif?name=secha-example.pqd", sample_bytes(), kOperatorToken);
  ASSERT_EQ(r.status, 201) << r.body;
  expect_sample_served(jemhead, r.json().at("id").as_int64());
  EXPECT_EQ(jemhead.stop(), 0);
}

TEST(PqdifParseDaemon, FileLeftPendingIsParsedAtStart) {
  TempDir dir;
  const auto config = daemon_config(dir);
  {
    Jemhead first(dir, config);  // creates the database and the file store
    EXPECT_EQ(first.stop(), 0);
  }
  std::int64_t id = 0;
  {
    // Stored while the daemon is down, as an arrival cut short before its parse would.
    auto repo = storage::open_sqlite({dir.path() + "/var/jemhead.db"});
    storage::FileStore files(dir.path() + "/var/pqdif");
    storage::PqdifArrival arrival;
    arrival.file_name = "secha-example.pqd";
    id = storage::ingest_pqdif_bytes(*repo, files, arrival, sample_bytes()).file.id;
    EXPECT_EQ(repo->find_pqdif_file(id)->parse.status, PqdifParseStatus::pending);
    repo->close();
  }
  Jemhead second(dir, config);
  expect_sample_served(second, id);
  EXPECT_EQ(second.stop(), 0);
}

}  // namespace
}  // namespace jemhead::testing
