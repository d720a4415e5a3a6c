#pragma once
// Reads the `fleet` section (groups, meters and their connection profiles) into core
// objects and checks each with the core validators, so a meter defined in the file obeys
// exactly the rules the REST API enforces; their field errors come back located at the
// file line and key they concern.
#include "service/config.hpp"
#include "service/yaml_map.hpp"

namespace jemhead::service {

// Limits that keep a hostile or runaway file from exhausting memory at start-up.
inline constexpr std::size_t kMaxFleetGroups = 10'000;
inline constexpr std::size_t kMaxFleetMeters = 100'000;
inline constexpr std::size_t kMaxConnectionsPerMeter = 16;
inline constexpr std::size_t kMaxConnectionOptions = 64;

// `fleet` is the node under the top-level key (may be undefined); `place` is its place.
void read_fleet(const YAML::Node& fleet, const NodePlace& place, ConfigErrors& errors,
                FleetConfig& out);

}  // namespace jemhead::service
