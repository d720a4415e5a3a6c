// Applying the fleet section to a real SQLite repository: creates what is missing,
// updates what changed, and writes nothing the second time.
#include "service/fleet_apply.hpp"

#include <gtest/gtest.h>

#include "tests/unit/service/config_test_support.hpp"

namespace jemhead::service {
namespace {

using testing::error_lines;
using testing::load;

const char* kFleet =
    "fleet:\n"
    "  groups:\n"
    "    - {name: north, description: Feeders 1-4}\n"
    "    - {name: south}\n"
    "  meters:\n"
    "    - serial: \"50123456\"\n"
    "      name: Feeder 1\n"
    "      group: north\n"
    "      time_zone: America/New_York\n"
    "      identification: [{title: Meter ID, value: F1-MAIN}]\n"
    "      connections:\n"
    "        - {name: eth, protocol: dlms, host: 127.0.0.1, port: 4059, default: true}\n"
    "        - {name: bus, protocol: modbus, transport: rs485, device: /dev/ttyUSB0, "
    "address: 17, options: {crc: swapped}}\n"
    "    - serial: \"50123457\"\n"
    "      group: south\n";

FleetConfig fleet_from(const std::string& yaml) {
  auto r = load(yaml);
  EXPECT_TRUE(r.ok()) << error_lines(r);
  return r.config.fleet;
}

std::unique_ptr<storage::Repository> memory_repo() {
  storage::SqliteOptions options;
  options.path = ":memory:";
  return storage::open_sqlite(options);
}

// Everything the fleet section can touch, as comparable text.
std::string snapshot(storage::Repository& repo) {
  std::string out;
  for (const auto& g : repo.list_groups({0, 1000}))
    out += "group " + std::to_string(g.id) + " " + g.name + " " + g.description + "\n";
  for (const auto& m : repo.list_meters({}, {0, 1000})) {
    out += "meter " + std::to_string(m.id) + " " + m.serial + " " + m.name + " " +
           std::to_string(m.group_id.value_or(-1)) + " " + m.time_zone + " " +
           m.identification[0].value + " updated " + format_iso8601(m.updated_at) + "\n";
    for (const auto& c : repo.list_connections(m.id))
      out += "  connection " + std::to_string(c.id) + " " + c.name + " " +
             std::string(to_text(c.protocol)) + " " + c.host + c.device + " " +
             std::to_string(c.address) + (c.is_default ? " default " : " ") + c.options_json + "\n";
  }
  return out;
}

TEST(ServiceFleetApply, CreatesGroupsMetersAndConnections) {
  auto repo = memory_repo();
  const auto stats = apply_fleet(*repo, fleet_from(kFleet), "config:t.yaml");
  EXPECT_EQ(stats.groups_created, 2u);
  EXPECT_EQ(stats.meters_created, 2u);
  EXPECT_EQ(stats.connections_created, 2u);
  EXPECT_EQ(stats.changes(), 6u);

  auto meter = repo->find_meter_by_serial("50123456");
  ASSERT_TRUE(meter);
  EXPECT_EQ(meter->name, "Feeder 1");
  EXPECT_EQ(meter->identification[0].value, "F1-MAIN");
  ASSERT_TRUE(meter->group_id);
  EXPECT_EQ(repo->find_group(*meter->group_id)->name, "north");
  auto connections = repo->list_connections(meter->id);
  ASSERT_EQ(connections.size(), 2u);
  EXPECT_EQ(connections[0].name, "eth");
  EXPECT_TRUE(connections[0].is_default);
  EXPECT_EQ(connections[1].address, 17);
  EXPECT_EQ(connections[1].options_json, R"({"crc":"swapped"})");

  // Every change is in the audit log under the configuration's name.
  auto audit = repo->audit({"config:t.yaml", "", {}}, {0, 100});
  EXPECT_EQ(audit.size(), 6u);
}

TEST(ServiceFleetApply, ApplyingTwiceLeavesTheSameRows) {
  auto repo = memory_repo();
  const auto fleet = fleet_from(kFleet);
  apply_fleet(*repo, fleet, "config:t.yaml");
  const std::string first = snapshot(*repo);
  const auto again = apply_fleet(*repo, fleet, "config:t.yaml");
  EXPECT_EQ(again.changes(), 0u) << again.summary();
  EXPECT_EQ(again.unchanged, 6u);
  EXPECT_EQ(snapshot(*repo), first);
  EXPECT_EQ(repo->audit({"config:t.yaml", "", {}}, {0, 100}).size(), 6u);
}

TEST(ServiceFleetApply, ChangedDefinitionsUpdateInPlaceAndApiRowsSurvive) {
  auto repo = memory_repo();
  apply_fleet(*repo, fleet_from(kFleet), "config:t.yaml");
  const auto meter_id = repo->find_meter_by_serial("50123456")->id;

  // A profile added through the API is not the file's business.
  ConnectionProfile api_profile;
  api_profile.meter_id = meter_id;
  api_profile.name = "from-api";
  api_profile.host = "127.0.0.1";
  repo->insert_connection(api_profile);

  std::string edited = kFleet;
  edited.replace(edited.find("Feeder 1"), 8, "Feeder 9");
  edited.replace(edited.find("address: 17"), 11, "address: 18");
  const auto stats = apply_fleet(*repo, fleet_from(edited), "config:t.yaml");
  EXPECT_EQ(stats.meters_updated, 1u);
  EXPECT_EQ(stats.connections_updated, 1u);
  EXPECT_EQ(stats.changes(), 2u) << stats.summary();

  auto meter = repo->find_meter_by_serial("50123456");
  EXPECT_EQ(meter->id, meter_id) << "matched by serial, not re-created";
  EXPECT_EQ(meter->name, "Feeder 9");
  auto connections = repo->list_connections(meter_id);
  ASSERT_EQ(connections.size(), 3u);
  EXPECT_EQ(connections[1].address, 18);
  EXPECT_EQ(connections[2].name, "from-api");
}

TEST(ServiceFleetApply, EmptyFleetWritesNothing) {
  auto repo = memory_repo();
  const auto stats = apply_fleet(*repo, FleetConfig{}, "config:t.yaml");
  EXPECT_EQ(stats.changes(), 0u);
  EXPECT_TRUE(repo->list_meters({}, {0, 10}).empty());
}

}  // namespace
}  // namespace jemhead::service
