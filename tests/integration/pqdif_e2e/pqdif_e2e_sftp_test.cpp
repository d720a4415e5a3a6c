// PQDIF end to end over SFTP (issue 6): jemsim mirrors each meter's PQDIF store to a
// directory (`pqdif: export_directory:`), a real OpenSSH sshd serves those directories, and
// the real jemhead pulls them through "sftp" connection profiles (key login, a known_hosts
// file filled by accept_new). What jemhead stores and parses must be the simulator's truth
// (name, size, sha256, observations, values); a second collect retrieves nothing; with
// delete_after_retrieval the files leave the directory and then the meter's store.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <iostream>
#include <thread>

#include "tests/integration/pqdif_e2e/pqdif_e2e_rig.hpp"
#include "tests/integration/support/real_sshd.hpp"

namespace jemhead::testing::pqdif_e2e {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr const char* kDeleter = "61000002";

std::size_t file_count(const json::object& truth) {
  return truth.at("files").as_array().size();
}

// Polls `done` every 50 ms for up to 10 s (the export syncs every 100 ms).
template <typename F>
bool eventually(F done) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(50ms);
  }
  return true;
}

class PqdifEndToEndSftp : public ::testing::Test {
 protected:
  std::map<std::int64_t, json::object> truths(const Jemsim& sim) const {
    std::map<std::int64_t, json::object> out;
    for (const auto& [id, serial] : serials_) out[id] = sim_files(sim, serial);
    return out;
  }
  // Waits until every meter's export directory holds exactly its truth's files.
  void expect_mirrored(const Jemsim& sim) const {
    for (const auto& [serial, dir] : dirs_) {
      std::map<std::string, ServedFile> on_disk, truth;
      const bool same = eventually([&] {
        on_disk = directory_files(dir);
        truth = truth_files(sim_files(sim, serial));
        return on_disk == truth;
      });
      EXPECT_TRUE(same) << serial << ": " << on_disk.size() << " files in " << dir << ", "
                        << truth.size() << " in the truth";
    }
  }

  TempDir dir_;
  std::map<std::string, std::string> dirs_;      // serial -> export directory
  std::map<std::int64_t, std::string> serials_;  // jemhead id -> serial
};

TEST_F(PqdifEndToEndSftp, CollectStoresTheExportedFilesThenNothingAndDeletesOnTheMeter) {
  std::string why;
  if (!RealSshd::available(why)) GTEST_SKIP() << why;
  RealSshd sshd;
  // Two single-mode meters under the `meters:` default (ROOT/SERIAL each) and a
  // multiple-mode one with a directory of its own.
  const std::string root = dir_.file("export");
  const std::string daily = dir_.file("daily");
  dirs_ = {
      {"61000001", root + "/61000001"}, {kDeleter, root + "/" + kDeleter}, {"61000101", daily}};
  const std::string single =
      "{ mode: single, events_per_day: 4, measurement_log: { interval_minutes: 60 }, "
      "export_directory: \"" +
      root + "\" }";
  const std::string list =
      "    - serial: \"61000101\"\n      pqdif: { mode: multiple, "
      "export_directory: \"" +
      daily + "\" }\n";
  Jemsim sim(dir_, sim_fleet(2, single, list));
  // 50 simulated hours: two midnights (the daily files), hourly logs and the day's events.
  ASSERT_EQ(sim.call("POST", "/advance", R"({"seconds": 180000})").status, 200);
  for (const auto& [serial, dir] : dirs_) {
    const auto truth = sim_files(sim, serial);
    EXPECT_EQ(truth.at("export_directory"), json::value(dir)) << serial;
    EXPECT_GE(file_count(truth), 2u) << serial;
  }
  expect_mirrored(sim);

  std::string fleet = "fleet:\n  meters:\n";
  for (const auto& [serial, dir] : dirs_) {
    const bool deletes = serial == kDeleter;
    fleet += head_meter_sftp(
        serial, sshd.port(),
        "{username: \"" + sshd.user() + "\", private_key_file: \"" + sshd.client_key() +
            "\", known_hosts_file: \"" + dir_.file("known_hosts_" + serial) +
            "\", host_key_policy: accept_new, directory: \"" + dir +
            "\", delete_after_retrieval: " + (deletes ? "true" : "false") + "}");
  }
  Jemhead head(dir_, daemon_config(dir_, fleet));
  std::vector<std::int64_t> meters;
  std::int64_t deleter = 0;
  for (const auto& [serial, dir] : dirs_) {
    const auto id = meter_id(head, serial);
    serials_[id] = serial;
    meters.push_back(id);
    if (serial == kDeleter) deleter = id;
  }

  auto before = truths(sim);
  const auto started = std::chrono::steady_clock::now();
  auto runs = retrieve_now(head, meters);
  std::cout << "first collect over SFTP: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count()
            << " ms\n";
  for (const auto& [id, run] : runs) {
    EXPECT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run) << sshd.log();
    EXPECT_EQ(run.at("values").as_int64(), static_cast<std::int64_t>(file_count(before.at(id))))
        << serials_[id];
  }
  // accept_new recorded the server's key.
  const auto host_key = sshd.known_hosts_line().substr(sshd.known_hosts_line().find(' ') + 1);
  for (const auto& [serial, dir] : dirs_)
    EXPECT_NE(read_file(dir_.file("known_hosts_" + serial)).find(host_key.substr(0, 60)),
              std::string::npos)
        << serial;
  ASSERT_TRUE(wait_parsed(head, meters));
  Compared stats;
  for (const auto& [id, truth] : before) expect_stored_equals_truth(head, id, truth, stats, "sftp");
  std::cout << "SFTP: " << stats.files << " files, " << stats.observations << " observations, "
            << stats.values << " values\n";
  if (HasFatalFailure()) return;

  // delete_after_retrieval: gone from the directory, then from the meter's store.
  EXPECT_TRUE(directory_files(dirs_.at(kDeleter)).empty());
  EXPECT_TRUE(eventually([&] { return file_count(sim_files(sim, kDeleter)) == 0; }))
      << "the meter still lists the files its SFTP client deleted";
  auto now = truths(sim);
  for (const auto& [id, t] : now) {
    if (id == deleter) continue;
    EXPECT_EQ(truth_files(t), truth_files(before.at(id))) << serials_[id];
  }
  expect_mirrored(sim);

  // Nothing new: nothing retrieved, nothing stored twice.
  runs = retrieve_now(head, meters);
  for (const auto& [id, run] : runs) {
    EXPECT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);
    EXPECT_EQ(run.at("values").as_int64(), 0) << serials_[id];
    EXPECT_EQ(stored_rows(head, id).size(), file_count(before.at(id))) << serials_[id];
  }

  // A sag on the deleting meter: its one new file is exported, retrieved alone, deleted.
  ASSERT_EQ(
      sim.call("POST", std::string("/meters/") + kDeleter + "/pqdif/trigger", R"({"kind": "sag"})")
          .status,
      200);
  ASSERT_EQ(sim.call("POST", "/advance", R"({"seconds": 120})").status, 200);
  before = truths(sim);
  EXPECT_EQ(file_count(before.at(deleter)), 1u);
  expect_mirrored(sim);
  runs = retrieve_now(head, meters);
  for (const auto& [id, run] : runs) {
    EXPECT_EQ(run.at("outcome").as_string(), "ok") << json::serialize(run);
    const auto fresh = static_cast<std::int64_t>(file_count(before.at(id))) -
                       (id == deleter ? 0 : static_cast<std::int64_t>(file_count(now.at(id))));
    EXPECT_EQ(run.at("values").as_int64(), fresh) << serials_[id];
  }
  ASSERT_TRUE(wait_parsed(head, meters));
  const auto sag = stored_rows(head, deleter).front();  // newest first
  EXPECT_EQ(sag.at("file_name"), before.at(deleter).at("files").as_array().at(0).at("name"));
  EXPECT_EQ(sag.at("sha256"), before.at(deleter).at("files").as_array().at(0).at("sha256"));
  EXPECT_EQ(sag.at("parse_status").as_string(), "ok");
  EXPECT_TRUE(eventually([&] { return file_count(sim_files(sim, kDeleter)) == 0; }));
  EXPECT_TRUE(directory_files(dirs_.at(kDeleter)).empty());
  EXPECT_EQ(head.stop(), 0);
}

}  // namespace
}  // namespace jemhead::testing::pqdif_e2e
