#pragma once
// The Ethernet Connection Status Log (IC7, 0.0.99.98.0.255, part7 §6.6), the only event
// log the meter offers over DLMS: entries of {timestamp, status} with status 0 = Ethernet
// Connect and 1 = Ethernet Disconnect (L16685-L16710), as LogEvents of log "ethernet".
#include <cstdint>
#include <optional>
#include <vector>

#include "core/readings.hpp"
#include "drivers/protocol/dlms/cosem/capture_objects.hpp"
#include "drivers/protocol/dlms/cosem/obis.hpp"
#include "drivers/protocol/dlms/driver/profile_buffer.hpp"

namespace jemhead::dlms {

inline constexpr cosem::Obis kEthernetLog{0, 0, 99, 98, 0, 255};

// The entries newer than `after` (all when nullopt), oldest first. The status is the
// first column that is not the timestamp: the manual lists it with class 8 and the serial
// number's OBIS (L16727), so neither class nor OBIS can identify it. `raw` is the entry's
// A-XDR encoding in hex. A malformed entry is BadResponse.
std::vector<LogEvent> decode_ethernet_log(const axdr::Data& buffer,
                                          const std::vector<cosem::CaptureColumn>& columns,
                                          std::int64_t meter_id, std::optional<UtcTime> after,
                                          const BufferClock& clock);

}  // namespace jemhead::dlms
