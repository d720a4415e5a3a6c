#pragma once
// JSON views of the load profiles for the control endpoint (docs/simulator.md, "Load
// profile"): the layout from the meter's configuration, and the recorded intervals exactly
// as the DLMS buffer sends them (Float32 values printed as the double they convert to).
#include <boost/json/object.hpp>
#include <optional>

#include "sim/sim_meter.hpp"

namespace jemhead::sim {

// {"profiles": [{profile, obis, installed, capture_period_s, recording_interval_code,
// profile_entries, channels: [...]}, ...], "outages": [...], "dst": [...]}
boost::json::object lp_layout_json(const MeterSpec& spec);

// One profile's intervals whose end lies in [from, to] (meter time; open ends when absent).
boost::json::object lp_intervals_json(const SimMeter::LoadProfileView& view, int profile_index,
                                      std::optional<UtcTime> from, std::optional<UtcTime> to);

}  // namespace jemhead::sim
