// PQDIF pull retrieval end to end (issue 6, "Getting the files: Pull"): the real jemhead
// with meters whose "http" and "sftp" connection profiles point at a meter web server and
// a real OpenSSH sshd serving PQDIF files. "Retrieve now" (POST .../collect {"kinds":
// ["pqdif"]}) stores every file once with the served bytes (name, size, sha256, source),
// the job history records how many files came, a second run retrieves nothing new, and a
// profile with delete_after_retrieval removes the files from the meter once stored.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "core/digest/sha256.hpp"
#include "tests/data/pqdif_files.hpp"
#include "tests/integration/pqdif_pull/meter_web.hpp"
#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/real_sshd.hpp"

namespace jemhead::testing {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kPassword = "Pq-Reader-9";

// Three files of a meter: a real recording and two more of its kind.
std::map<std::string, std::string> meter_files(const std::string& serial) {
  const auto secha = read_file(pqdif_test_file("secha-example.pqd"));
  return {{serial + "_1454408745_133724_07.pqd", secha},
          {serial + "_1454408800_5_1.pqd", secha.substr(0, secha.size() / 2)},
          {serial + "_1454409000_0_128.pqd", std::string(70000, 'x')}};
}

std::string connection(const std::string& protocol, std::uint16_t port,
                       const std::string& options) {
  return "        - {name: pq, protocol: " + protocol +
         ", transport: tcp, host: 127.0.0.1, port: " + std::to_string(port) +
         ", default: true, retries: 0, options: " + options + "}\n";
}

std::string meter(const std::string& serial, const std::string& connections) {
  return "    - serial: \"" + serial + "\"\n      name: \"PQ " + serial +
         "\"\n      connections:\n" + connections;
}

class PqdifPullEndToEnd : public ::testing::Test {
 protected:
  std::int64_t meter_id(const Jemhead& head, const std::string& serial) {
    const auto r = head.call("GET", "/api/v1/meters?serial_prefix=" + serial);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array().at(0).at("id").as_int64();
  }

  // Runs the pqdif kind now and returns the finished job run (the newest for the meter).
  json::object retrieve_now(const Jemhead& head, std::int64_t id, std::int64_t after_job) {
    const auto path = "/api/v1/meters/" + std::to_string(id);
    const auto r = head.call("POST", path + "/collect", R"({"kinds":["pqdif"]})");
    EXPECT_EQ(r.status, 202) << r.body;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto jobs = head.call("GET", path + "/jobs?kind=pqdif&limit=1").json();
      const auto& items = jobs.at("items").as_array();
      if (!items.empty()) {
        const auto& job = items.at(0).as_object();
        if (job.at("id").as_int64() > after_job && job.at("outcome").as_string() != "running")
          return job;
      }
      std::this_thread::sleep_for(50ms);
    }
    ADD_FAILURE() << "the pqdif job did not finish";
    return {};
  }

  // The meter's stored files: name -> (size, sha256, source).
  std::map<std::string, std::tuple<std::int64_t, std::string, std::string>> stored(
      const Jemhead& head, std::int64_t id) {
    const auto r = head.call("GET", "/api/v1/pqdif?limit=100&meter=" + std::to_string(id));
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, std::tuple<std::int64_t, std::string, std::string>> out;
    const auto body = r.json();
    for (const auto& item : body.at("items").as_array()) {
      const auto& o = item.as_object();
      out[std::string(o.at("file_name").as_string())] = {o.at("size_bytes").as_int64(),
                                                         std::string(o.at("sha256").as_string()),
                                                         std::string(o.at("source").as_string())};
    }
    return out;
  }

  void expect_stored(const Jemhead& head, std::int64_t id,
                     const std::map<std::string, std::string>& served, const std::string& source) {
    const auto rows = stored(head, id);
    ASSERT_EQ(rows.size(), served.size());
    for (const auto& [name, bytes] : served) {
      ASSERT_TRUE(rows.count(name)) << name;
      const auto& [size, sha256, how] = rows.at(name);
      EXPECT_EQ(size, static_cast<std::int64_t>(bytes.size())) << name;
      EXPECT_EQ(sha256, digest::sha256_hex(bytes)) << name;
      EXPECT_EQ(how, source) << name;
    }
  }

  TempDir dir;
};

TEST_F(PqdifPullEndToEnd, HttpRetrievesNewFilesOnceAndDeletesWhenConfigured) {
  MeterWeb web("pq", kPassword);
  const auto keep = meter_files("142300003");
  const auto remove = meter_files("142300004");
  for (const auto& [name, bytes] : keep) web.put("/pqdif", name, bytes);
  for (const auto& [name, bytes] : remove) web.put("/m4/pqdif", name, bytes);
  const std::string auth = std::string("username: pq, password: ") + kPassword;
  const std::string fleet =
      "fleet:\n  meters:\n" + meter("142300003", connection("http", web.port(), "{" + auth + "}")) +
      meter("142300004",
            connection("http", web.port(),
                       "{" + auth + ", path: /m4/pqdif, delete_after_retrieval: true}"));
  Jemhead head(dir, daemon_config(dir, fleet));
  const auto keeper = meter_id(head, "142300003");
  const auto deleter = meter_id(head, "142300004");

  auto job = retrieve_now(head, keeper, 0);
  EXPECT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job);
  EXPECT_EQ(job.at("values").as_int64(), 3) << json::serialize(job);
  EXPECT_EQ(job.at("profile").as_string(), "pq");
  expect_stored(head, keeper, keep, "http");
  EXPECT_EQ(web.files("/pqdif").size(), 3u) << "without delete_after_retrieval nothing is deleted";

  // Nothing new on the meter: nothing retrieved, nothing stored twice.
  job = retrieve_now(head, keeper, job.at("id").as_int64());
  EXPECT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job);
  EXPECT_EQ(job.at("values").as_int64(), 0);
  expect_stored(head, keeper, keep, "http");

  // A new file arrives: only it is retrieved.
  const std::string later = "142300003_1454412345_77_2.pqd";
  web.put("/pqdif", later, std::string(1234, 'w'));
  job = retrieve_now(head, keeper, job.at("id").as_int64());
  EXPECT_EQ(job.at("values").as_int64(), 1) << json::serialize(job);
  auto with_later = keep;
  with_later[later] = std::string(1234, 'w');
  expect_stored(head, keeper, with_later, "http");

  // delete_after_retrieval: stored, then gone from the meter.
  job = retrieve_now(head, deleter, 0);
  EXPECT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job);
  EXPECT_EQ(job.at("values").as_int64(), 3);
  expect_stored(head, deleter, remove, "http");
  EXPECT_TRUE(web.files("/m4/pqdif").empty());
  EXPECT_EQ(web.deletes(), 3);
  EXPECT_EQ(head.stop(), 0);
}

TEST_F(PqdifPullEndToEnd, SftpFromRealSshdDeletesAfterStoring) {
  std::string why;
  if (!RealSshd::available(why)) GTEST_SKIP() << why;
  RealSshd sshd;
  write_file(sshd.file("known_hosts"), sshd.known_hosts_line());
  const auto served = meter_files("142300005");
  for (const auto& [name, bytes] : served) write_file(sshd.files() + "/" + name, bytes);
  const std::string options = "{username: \"" + sshd.user() + "\", private_key_file: \"" +
                              sshd.client_key() + "\", known_hosts_file: \"" +
                              sshd.file("known_hosts") + "\", directory: \"" + sshd.files() +
                              "\", delete_after_retrieval: true}";
  const std::string fleet =
      "fleet:\n  meters:\n" + meter("142300005", connection("sftp", sshd.port(), options));
  Jemhead head(dir, daemon_config(dir, fleet));
  const auto id = meter_id(head, "142300005");

  auto job = retrieve_now(head, id, 0);
  EXPECT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job) << sshd.log();
  EXPECT_EQ(job.at("values").as_int64(), 3);
  expect_stored(head, id, served, "sftp");
  for (const auto& [name, bytes] : served)
    EXPECT_FALSE(fs::exists(sshd.files() + "/" + name)) << name << " is still on the meter";

  job = retrieve_now(head, id, job.at("id").as_int64());
  EXPECT_EQ(job.at("outcome").as_string(), "ok") << json::serialize(job);
  EXPECT_EQ(job.at("values").as_int64(), 0);
  expect_stored(head, id, served, "sftp");
  EXPECT_EQ(head.stop(), 0);
}

}  // namespace
}  // namespace jemhead::testing
