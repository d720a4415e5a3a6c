#pragma once
// A PduChannel carries one Modbus request PDU to one slave and brings back its response
// PDU, hiding the framing (MBAP over TCP, RTU over a TCP terminal server or a serial line,
// RTU through a shared RS-485 bus). The master session (session.hpp) sits on top: it
// encodes and decodes PDUs, retries and maps failures to driver errors.
//
// exchange() throws drivers::Timeout when no matching response arrives before the
// deadline, drivers::ConnectionFailed when the link cannot be opened or breaks, and
// drivers::BadResponse when the stream loses framing. After any failure the next
// exchange starts clean (stale bytes and late answers are never taken for the next reply).
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace jemhead::modbus {

struct ChannelStats {
  std::uint64_t exchanges = 0;       // responses delivered
  std::uint64_t timeouts = 0;        // exchanges that ran out of time
  std::uint64_t stale_frames = 0;    // frames dropped because they answered something else
  std::uint64_t reconnects = 0;      // link (re)opens after the first
  std::uint64_t framing_errors = 0;  // CRC errors, broken MBAP headers
  std::uint64_t bytes = 0;           // sent plus received on the link
};

class PduChannel {
 public:
  using Deadline = std::chrono::steady_clock::time_point;
  virtual ~PduChannel() = default;
  virtual boost::asio::awaitable<std::vector<std::uint8_t>> exchange(
      std::span<const std::uint8_t> request_pdu, Deadline deadline) = 0;
  virtual void close() noexcept = 0;
  virtual std::string describe() const = 0;
  virtual ChannelStats stats() const = 0;
};

}  // namespace jemhead::modbus
