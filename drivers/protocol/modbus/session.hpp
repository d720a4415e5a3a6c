#pragma once
// The Modbus master: typed request/response over a PduChannel, with the connection
// profile's timeout and retries.
//
// Outcomes are driver errors (drivers/driver_errors.hpp), each distinct:
//   - ProtocolException: the meter answered with an exception (01 illegal function, 02
//     illegal data address, 03 illegal data value...). Never retried: the same request
//     gets the same answer.
//   - Timeout, ConnectionFailed, BadResponse (an answer that does not fit the request):
//     retried `retries` times, `retry_delay` apart; the last failure is reported.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <memory>

#include "core/connection_profile.hpp"
#include "drivers/protocol/modbus/pdu.hpp"
#include "drivers/protocol/modbus/pdu_channel.hpp"

namespace jemhead::modbus {

struct MasterOptions {
  std::chrono::milliseconds timeout{5000};  // per attempt
  std::uint32_t retries = 3;                // further attempts after a failed one
  std::chrono::milliseconds retry_delay{5000};
};
MasterOptions master_options(const ConnectionProfile& profile);

struct MasterStats {
  std::uint64_t requests = 0;  // transact() calls
  std::uint64_t attempts = 0;  // exchanges tried, retries included
  std::uint64_t retries = 0;
  std::uint64_t exceptions = 0;  // exception responses received
  std::uint64_t failures = 0;    // transact() calls that threw
};

class ModbusMaster {
 public:
  ModbusMaster(boost::asio::any_io_executor executor, std::unique_ptr<PduChannel> channel,
               MasterOptions options);

  boost::asio::awaitable<Response> transact(const Request& request);

  // Typed shorthands: the response's payload.
  boost::asio::awaitable<std::vector<std::uint16_t>> read_registers(ReadRegistersRequest r);
  boost::asio::awaitable<std::vector<bool>> read_bits(ReadBitsRequest r);
  boost::asio::awaitable<void> write(Request write_request);  // FC05/15/16

  void close() noexcept { channel_->close(); }
  const MasterStats& stats() const { return stats_; }
  ChannelStats channel_stats() const { return channel_->stats(); }
  std::string describe() const { return channel_->describe(); }

 private:
  boost::asio::any_io_executor executor_;
  std::unique_ptr<PduChannel> channel_;
  MasterOptions options_;
  MasterStats stats_;
};

}  // namespace jemhead::modbus
