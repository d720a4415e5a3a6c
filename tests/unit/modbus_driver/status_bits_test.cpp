// The Status Word tables against the manual's own examples (L9666-L9681, L9828-L9836)
// and the edge detection between snapshots.
#include "core/status_bits.hpp"

#include <gtest/gtest.h>

namespace jemhead {
namespace {

std::vector<std::string> names(const std::vector<StatusBitInfo>& bits) {
  std::vector<std::string> out;
  for (const auto& b : bits) out.emplace_back(b.name);
  return out;
}

TEST(StatusBits, TablesNumberBitsFromOneAtTheLeastSignificantEnd) {
  for (std::size_t i = 0; i < 16; ++i) {
    EXPECT_EQ(kSystemStatusBits[i].bit, i + 1);
    EXPECT_EQ(kSystemStatusBits[i].mask(), 1u << i);
    EXPECT_EQ(kTypicalTriggerBits[i].bit, i + 1);
  }
  EXPECT_EQ(kSystemStatusBits[10].mask(), 0x0400);
}

TEST(StatusBits, SystemTableMatchesTheManual) {
  EXPECT_EQ(kSystemStatusBits[0].indicator, "Battery Failure");
  EXPECT_TRUE(kSystemStatusBits[1].future);  // Auxiliary Power Loss: "Future"
  EXPECT_EQ(kSystemStatusBits[2].indicator, "General Failure");
  EXPECT_EQ(kSystemStatusBits[3].indicator, "Load Profile overflow");
  EXPECT_EQ(kSystemStatusBits[4].indicator, "Pulse Output overflow");
  EXPECT_EQ(kSystemStatusBits[5].indicator, "Loss of Time Sync");
  EXPECT_EQ(kSystemStatusBits[6].indicator, "NTP Time Sync Drift");
  EXPECT_EQ(kSystemStatusBits[7].indicator, "DST");
  EXPECT_EQ(kSystemStatusBits[8].indicator, "Terminal / Service Cover Removed");
  EXPECT_EQ(kSystemStatusBits[9].indicator, "Manual Time Change");
  EXPECT_EQ(kSystemStatusBits[10].indicator, "Configuration Change");
  EXPECT_EQ(kSystemStatusBits[11].indicator, "Firmware Changed");
  for (std::size_t i = 12; i < 16; ++i) EXPECT_TRUE(kSystemStatusBits[i].future);
}

TEST(StatusBits, ManualExample0x0021IsBatteryFailureAndLossOfTimeSync) {
  EXPECT_EQ(names(system_bits_set(0x0021)),
            (std::vector<std::string>{"battery_failure", "loss_of_time_sync"}));
}

TEST(StatusBits, ManualExample0x0400IsConfigurationChange) {
  EXPECT_EQ(names(system_bits_set(0x0400)), (std::vector<std::string>{"configuration_change"}));
}

TEST(StatusBits, ManualExampleTrigger0x0070IsBits5To7) {
  auto set = trigger_bits_set(0x0070);
  ASSERT_EQ(set.size(), 3u);
  EXPECT_EQ(set[0].bit, 5);
  EXPECT_EQ(set[1].bit, 6);
  EXPECT_EQ(set[2].bit, 7);
  EXPECT_EQ(set[0].indicator, "Overcurrent I2");
  EXPECT_EQ(set[2].indicator, "Loss of Voltage V1 with Current I1");
}

TEST(StatusBits, TriggerTableMatchesTheManual) {
  EXPECT_EQ(kTypicalTriggerBits[0].description, "V1 < 0.4 x Vn");
  EXPECT_EQ(kTypicalTriggerBits[3].description, "I1 > 1.3 x In");
  EXPECT_EQ(kTypicalTriggerBits[9].indicator, "Phase Voltage Rotation Error");
  EXPECT_EQ(kTypicalTriggerBits[13].indicator, "External Fault 1");
  EXPECT_EQ(kTypicalTriggerBits[14].indicator, "External Fault 2");
  EXPECT_TRUE(kTypicalTriggerBits[15].future);
  EXPECT_FALSE(kTypicalTriggerBits[14].future);
}

TEST(StatusBits, WordPointsNameEveryBit) {
  auto points = status_word_points(0x0021, 0x8000);
  ASSERT_EQ(points.size(), 32u);
  EXPECT_EQ(points[0], (StatusPoint{"system.battery_failure", true}));
  EXPECT_EQ(points[1], (StatusPoint{"system.auxiliary_power_loss", false}));
  EXPECT_EQ(points[5], (StatusPoint{"system.loss_of_time_sync", true}));
  EXPECT_EQ(points[16], (StatusPoint{"trigger.bit_1", false}));
  EXPECT_EQ(points[31], (StatusPoint{"trigger.bit_16", true}));
}

StatusSnapshot snapshot(std::int64_t seconds, std::vector<StatusPoint> points) {
  return {from_unix_micros(seconds * 1'000'000), std::move(points)};
}

TEST(StatusEdges, FirstSnapshotReportsActivePointsAsSet) {
  auto now = snapshot(100, {{"battery", true}, {"dst", false}});
  auto edges = detect_status_edges(nullptr, now);
  ASSERT_EQ(edges.size(), 1u);
  EXPECT_EQ(edges[0], (StatusEdge{"battery", true, now.read_at}));
}

TEST(StatusEdges, ReportsSetAndClearedAtTheNewReadTime) {
  auto before = snapshot(100, {{"battery", true}, {"dst", false}, {"cover", true}});
  auto now = snapshot(200, {{"battery", false}, {"dst", true}, {"cover", true}});
  auto edges = detect_status_edges(&before, now);
  ASSERT_EQ(edges.size(), 2u);
  EXPECT_EQ(edges[0], (StatusEdge{"battery", false, now.read_at}));
  EXPECT_EQ(edges[1], (StatusEdge{"dst", true, now.read_at}));
}

TEST(StatusEdges, MissingPointsAreUnknownNotCleared) {
  auto before = snapshot(100, {{"battery", true}});
  auto now = snapshot(200, {{"dst", false}, {"new", true}});
  auto edges = detect_status_edges(&before, now);
  ASSERT_EQ(edges.size(), 1u);
  EXPECT_EQ(edges[0].point, "new");
  EXPECT_TRUE(edges[0].set);
}

TEST(StatusEdges, UnchangedSnapshotsGiveNoEdges) {
  auto a = snapshot(100, {{"battery", true}, {"dst", false}});
  auto b = snapshot(200, {{"battery", true}, {"dst", false}});
  EXPECT_TRUE(detect_status_edges(&a, b).empty());
}

TEST(StatusEdges, WordEdgesFollowBitChanges) {
  auto a = snapshot(100, status_word_points(0x0021, 0));
  auto b = snapshot(200, status_word_points(0x0420, 0x0001));
  auto edges = detect_status_edges(&a, b);
  ASSERT_EQ(edges.size(), 3u);
  EXPECT_EQ(edges[0], (StatusEdge{"system.battery_failure", false, b.read_at}));
  EXPECT_EQ(edges[1], (StatusEdge{"system.configuration_change", true, b.read_at}));
  EXPECT_EQ(edges[2], (StatusEdge{"trigger.bit_1", true, b.read_at}));
}

}  // namespace
}  // namespace jemhead
