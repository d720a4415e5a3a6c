// Fuzz target: the fleet-file parser must turn any input into either a FleetSpec or a
// FleetError, never a crash, a hang or another exception.
#include <cstdint>
#include <string_view>

#include "sim/fleet_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto fleet = jemhead::sim::parse_fleet(text, "fuzz.yaml");
    if (fleet.meters.size() > jemhead::sim::kMaxMeters) __builtin_trap();
  } catch (const jemhead::sim::FleetError&) {
  }
  return 0;
}
