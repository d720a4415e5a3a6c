// jemsim as a real process: its fleet, its truth endpoint, and determinism across runs
// (two processes with the same seed report the same values at the same instant).
#include <gtest/gtest.h>

#include <thread>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

const char* kFleet = R"(seed: 42
time_factor: 3600
start_time: "2026-03-02T00:00:00Z"
control: { listen: "127.0.0.1:0" }
meters:
  count: 3
  serial_base: 50000001
  pt_ratio: 60
  ct_ratio: 80
)";

TEST(Simulator, ServesItsFleet) {
  TempDir dir;
  Jemsim sim(dir, kFleet);
  auto meters = sim.call("GET", "/meters").json().at("meters").as_array();
  ASSERT_EQ(meters.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(meters[i].at("serial").as_string(), "5000000" + std::to_string(i + 1));
    EXPECT_EQ(meters[i].at("identification").as_array().size(), 10u);
  }
  EXPECT_EQ(sim.call("GET", "/meters/99999999").status, 404);
}

TEST(Simulator, SameSeedSameTruthAcrossProcesses) {
  TempDir dir;
  Jemsim first(dir, kFleet, "first");
  Jemsim second(dir, kFleet, "second");
  // One real second is a simulated hour: wait until 00:30 has passed in both.
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  const std::string at = "/meters/50000002/truth?at=2026-03-02T00:30:00Z";
  auto a = first.call("GET", at);
  auto b = second.call("GET", at);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json(), b.json());
  auto other = first.call("GET", "/meters/50000003/truth?at=2026-03-02T00:30:00Z").json();
  EXPECT_NE(a.json().at("secondary"), other.at("secondary"));
}

TEST(Simulator, TruthIsPhysicallyConsistent) {
  TempDir dir;
  Jemsim sim(dir, kFleet);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  auto early = sim.call("GET", "/meters/50000001/truth?at=2026-03-02T00:10:00Z").json();
  auto late = sim.call("GET", "/meters/50000001/truth?at=2026-03-02T00:20:00Z").json();
  const auto& phase = early.at("secondary").at("instantaneous").at("phases").at("A");
  const double w = phase.at("watts").to_number<double>();
  const double var = phase.at("vars").to_number<double>();
  const double va = phase.at("va").to_number<double>();
  EXPECT_NEAR(va * va, w * w + var * var, 1e-6 * va * va);
  const double primary_w =
      early.at("primary").at("instantaneous").at("phases").at("A").at("watts").to_number<double>();
  EXPECT_NEAR(primary_w, w * 60 * 80, 1e-9 * std::abs(primary_w) + 1e-9);
  auto energy = [](const json::value& t) {
    const auto& p = t.at("secondary").at("energy").at("polyphase");
    return p.at("wh_delivered").to_number<double>() + p.at("wh_received").to_number<double>();
  };
  EXPECT_GT(energy(late), energy(early));
  EXPECT_EQ(sim.call("GET", "/meters/50000001/truth?at=2030-01-01T00:00:00Z").status, 422);
}

TEST(Simulator, BadFleetFileNamesLineAndKey) {
  TempDir dir;
  write_file(dir.file("bad.yaml"), "seed: 1\nmeters:\n  count: 2\n  colour: blue\n");
  Process p({jemsim_binary(), "--fleet", dir.file("bad.yaml")}, dir.file("bad.log"));
  auto code = p.wait(std::chrono::seconds(10));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 2);
  EXPECT_NE(p.log().find("bad.yaml:4"), std::string::npos) << p.log();
  EXPECT_NE(p.log().find("meters.colour"), std::string::npos) << p.log();
}

}  // namespace
}  // namespace jemhead::testing
