#pragma once
// Modbus TCP transactions per second over one connection, back to back: through our
// master (TcpLink + MbapChannel + ModbusMaster: encode, frame, match, decode) and through
// two minimal clients that send the identical MBAP frames and only read until the
// response's length is in: a blocking POSIX one (the most any client could do with the
// same slave) and an Asio coroutine one (the most a client on the driver's I/O model could).
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

// The same frames through a minimal Asio coroutine client (async_baseline_transactions.cpp).
ThroughputRun run_async_baseline_transactions(std::uint16_t port, std::uint8_t unit_id,
                                              const modbus::ReadRegistersRequest& request,
                                              std::chrono::duration<double> duration);

ThroughputRun run_baseline_transactions(std::uint16_t port, std::uint8_t unit_id,
                                        const modbus::ReadRegistersRequest& request,
                                        std::chrono::duration<double> duration);

}  // namespace jemhead::bench
