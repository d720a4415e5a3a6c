#pragma once
// A load profile's buffer turned into the head-end's interval values (part7 §6.3-6.5).
// Every column is mapped through the capture objects read in the same session: the
// manual's own example rotates its channel columns (L16510-L16592), so no position is
// assumed, not even the timestamp's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/readings.hpp"
#include "drivers/protocol/dlms/cosem/capture_objects.hpp"
#include "drivers/protocol/dlms/cosem/obis.hpp"
#include "drivers/protocol/dlms/driver/profile_buffer.hpp"

namespace jemhead::dlms {

inline constexpr cosem::Obis kLoadProfile1{1, 0, 99, 1, 0, 255};
// Group 2 sits at the Blue Book's "data of billing period 1" code (L15079).
inline constexpr cosem::Obis kLoadProfile2{1, 0, 98, 1, 0, 255};

// The profile's object for profile number 1 or 2; nullopt for any other number.
std::optional<cosem::Obis> load_profile_obis(std::uint8_t profile);

// The layout the capture objects describe: one LoadProfileChannel per channel column
// (IC3 attribute 2), numbered 1.. in column order, named from the measurement table.
// An OBIS the table does not know, or gives to two measurements (the manual's
// collisions), keeps its code with no quantity and no unit.
LoadProfileLayout load_profile_layout(std::uint8_t profile,
                                      const std::vector<cosem::CaptureColumn>& columns,
                                      std::uint32_t capture_period_s);

// Which intervals to keep: those whose end lies in (after, to]. DLMS ranges include both
// bounds, so the entry ending exactly at `after` (already stored) comes back and is
// dropped here.
struct LoadProfileSlice {
  std::int64_t meter_id = 0;
  std::uint8_t profile = 1;
  std::optional<UtcTime> after;
  std::optional<UtcTime> to;
};

struct DecodedLoadProfile {
  std::vector<LoadProfileValue> values;  // ascending interval_end, then channel
  std::size_t intervals = 0;
};

// The buffer's entries: the timestamp column is the interval end, the status column
// (IC1 "Operating Status") gives the interval flags (status 0, seen in the manual's
// example, is no flag), channel values are converted to their stored unit (Wh -> kWh).
// A malformed entry is BadResponse, never skipped.
DecodedLoadProfile decode_load_profile(const axdr::Data& buffer,
                                       const std::vector<cosem::CaptureColumn>& columns,
                                       const LoadProfileSlice& slice, const BufferClock& clock);

}  // namespace jemhead::dlms
