// SIGTERM while clients are writing: the daemon stops cleanly and every write it
// acknowledged is still there after a restart on the same database.
#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

TEST(Shutdown, SigtermDuringWritesLosesNothingAcknowledged) {
  TempDir dir;
  const auto config = daemon_config(dir);
  std::vector<std::string> acknowledged;
  std::mutex mu;
  {
    Jemhead daemon(dir, config);
    std::atomic<bool> stop{false};
    std::atomic<int> sent{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        for (int i = 0; !stop; ++i) {
          std::string serial = "S";  // built stepwise: GCC 12 warns falsely on a + chain
          serial.append(std::to_string(w)).append("-").append(std::to_string(i));
          ++sent;
          try {
            auto r = daemon.call("POST", "/api/v1/meters", R"({"serial":")" + serial + R"("})");
            if (r.status == 201) {
              std::lock_guard lock(mu);
              acknowledged.push_back(serial);
            }
          } catch (const std::exception&) {
            // Refused or cut connections after SIGTERM are expected; they were not acked.
          }
        }
      });
    }
    while (sent < 200) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    daemon.process().signal(SIGTERM);
    auto code = daemon.process().wait(std::chrono::seconds(20));
    stop = true;
    for (auto& t : writers) t.join();
    ASSERT_TRUE(code.has_value()) << "jemhead did not stop";
    EXPECT_EQ(*code, 0) << daemon.process().log();
    EXPECT_FALSE(std::filesystem::exists(dir.file("jemhead.ready")));
  }
  ASSERT_GT(acknowledged.size(), 50u);

  Jemhead again(dir, config);
  std::set<std::string> stored;
  std::string after = "0";
  while (true) {
    auto items =
        again.call("GET", "/api/v1/meters?limit=1000&after=" + after).json().at("items").as_array();
    if (items.empty()) break;
    for (const auto& m : items) stored.insert(boost::json::value_to<std::string>(m.at("serial")));
    after = std::to_string(items.back().at("id").as_int64());
  }
  for (const auto& s : acknowledged) EXPECT_TRUE(stored.count(s)) << "lost acknowledged " << s;
  // Every stored meter has its audit entry (written in the same transaction).
  auto audit = again.call("GET", "/api/v1/audit?limit=1000").json().at("items").as_array();
  std::size_t creates = 0;
  for (const auto& e : audit) creates += e.at("action").as_string() == "meter.create";
  EXPECT_EQ(creates, std::min<std::size_t>(stored.size(), 1000));
  EXPECT_EQ(again.stop(), 0);
}

}  // namespace
}  // namespace jemhead::testing
