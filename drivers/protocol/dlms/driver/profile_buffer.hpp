#pragma once
// Reading what a profile generic (IC7) sends, for the load profiles and the Ethernet log:
// its capture objects, its capture period, its buffer's entries and their timestamps.
// Everything here treats the meter's answer as untrusted: any value of the wrong type or
// shape becomes drivers::BadResponse naming the attribute and the entry, never a crash
// and never a silently skipped entry.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/axdr/date_time.hpp"
#include "drivers/protocol/dlms/cosem/capture_objects.hpp"

namespace jemhead::dlms {

// How the buffer's timestamps become instants: an entry's own deviation when it states
// one, else the deviation the meter's clock reported in the same session (meters that
// leave it unspecified in the buffer keep their clock's), else the entry is refused.
struct BufferClock {
  std::optional<std::int16_t> fallback_deviation;
  axdr::DeviationConvention convention = axdr::DeviationConvention::blue_book;
};

// Attribute 3; BadResponse when it is not an array of capture object definitions.
std::vector<cosem::CaptureColumn> capture_columns(const axdr::Data& attribute3,
                                                  const std::string& what);

// Attribute 4 (seconds); BadResponse unless an integer in 0..2^32-1.
std::uint32_t capture_period_of(const axdr::Data& attribute4, const std::string& what);

// The entries of attribute 2: an array or compact-array, else BadResponse.
const std::vector<axdr::Data>& buffer_entries(const axdr::Data& buffer, const std::string& what);

// Entry `index` as a structure of exactly `columns` values, else BadResponse.
const std::vector<axdr::Data>& entry_values(const axdr::Data& entry, std::size_t columns,
                                            std::size_t index, const std::string& what);

// A buffer timestamp (octet-string(12) or date-time) as UTC, else BadResponse.
UtcTime buffer_time(const axdr::Data& value, const BufferClock& clock, const std::string& what);

// The column holding the clock's time; BadResponse when the capture objects have none.
const cosem::CaptureColumn& timestamp_column(const std::vector<cosem::CaptureColumn>& columns,
                                             const std::string& what);

// Lower-case hex without separators, for LogEvent::raw.
std::string to_hex(std::span<const std::uint8_t> bytes);

}  // namespace jemhead::dlms
