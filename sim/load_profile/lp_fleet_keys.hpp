#pragma once
// The fleet file's `load_profile:` key (docs/simulator.md, "Load profile"), per meter or
// as a default under `meters:`:
//
//   load_profile:
//     profile1: { interval_minutes: 15, channels: ["1.0.1.29.0.255", ...] }  # <= 16
//     profile2: { interval_minutes: 5, channels: [] }    # [] = no Dual LP option
//     outages: [{ from: "2026-01-02T10:00:00Z", to: "2026-01-02T11:30:00Z" }]
//     dst: [{ from: "2026-03-08T02:00:00Z", to: "2026-11-01T02:00:00Z" }]
//
// A key given replaces the inherited one (a profile's keys one by one). Channels must be
// in Table 2 and computable by the simulator (lp_channels.hpp); errors name file and line.
#include <memory>

#include "sim/load_profile/lp_spec.hpp"
#include "sim/yaml_fields.hpp"

namespace jemhead::sim {

void read_load_profile_settings(YamlFields& parent, std::shared_ptr<const LoadProfileSpec>& spec);

}  // namespace jemhead::sim
