#pragma once
// Modbus TCP transactions per second over one connection, back to back: through our
// master (TcpLink + MbapChannel + ModbusMaster: encode, frame, match, decode) and through
// a minimal blocking POSIX client that sends the identical MBAP frames and only reads
// until the response's length is in (the most a client could do with the same slave).
// Both connect and do one warm-up transaction before the clock starts.
#include <chrono>
#include <cstdint>

#include "drivers/protocol/modbus/pdu.hpp"

namespace jemhead::bench {

struct ThroughputRun {
  std::uint64_t transactions = 0;
  double seconds = 0;
  double per_second() const { return seconds > 0 ? transactions / seconds : 0; }
};

ThroughputRun run_master_transactions(std::uint16_t port, std::uint8_t unit_id,
                                      const modbus::ReadRegistersRequest& request,
                                      std::chrono::duration<double> duration);

ThroughputRun run_baseline_transactions(std::uint16_t port, std::uint8_t unit_id,
                                        const modbus::ReadRegistersRequest& request,
                                        std::chrono::duration<double> duration);

}  // namespace jemhead::bench
