#pragma once
// Link: a byte stream to one peer (a TCP connection, a TLS session, a serial port). The
// protocol layers above (Modbus, DNP3, DLMS) frame their messages on top of it and never
// see sockets or file descriptors.
//
// Contract, for every implementation:
// - One user at a time: a Link is driven by one coroutine (or strand); operations on the
//   same Link are never concurrent, except close(), which may be called from the same
//   executor at any time and makes pending operations fail.
// - Hard failures throw TransportError (std::system_error, category "jemhead.transport")
//   with a message naming the link. A read deadline passing is NOT a failure: read_some
//   returns 0, because protocol layers use short deadlines routinely (silence detection).
// - Cancellation: the operations honour the awaiting coroutine's cancellation (e.g. a
//   parallel group or a bus closing). A cancelled write may leave part of the bytes sent,
//   so the protocol layer should close the link after a cancelled or timed-out write.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "drivers/transport/transport_error.hpp"

namespace jemhead::transport {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

inline Deadline deadline_after(Clock::duration d) {
  return Clock::now() + d;
}

struct LinkStats {
  std::uint64_t opens = 0;          // successful open() calls
  std::uint64_t open_failures = 0;  // open() calls that threw
  std::uint64_t bytes_out = 0;
  std::uint64_t bytes_in = 0;
  std::uint64_t writes = 0;         // write_all calls that completed
  std::uint64_t reads = 0;          // read_some calls that returned data
  std::uint64_t read_timeouts = 0;  // read_some calls whose deadline passed without data
  std::uint64_t write_timeouts = 0;
  std::uint64_t errors = 0;  // operations that threw after the link was open
};

class Link {
 public:
  virtual ~Link() = default;

  // Connects / opens the device. Throws TransportError. Calling it on an open link closes
  // the old connection first (a reconnect).
  virtual boost::asio::awaitable<void> open() = 0;
  // Sends every byte or throws (write_timeout if `deadline` passes first).
  virtual boost::asio::awaitable<void> write_all(std::span<const std::uint8_t> bytes,
                                                 Deadline deadline) = 0;
  // Waits for at least one byte, until `deadline`. Returns the number of bytes stored in
  // `buffer`, or 0 when the deadline passed first (the link stays usable). Throws on end of
  // stream, reset and other errors. A deadline already in the past still returns bytes
  // that are waiting, if the implementation can tell without blocking.
  virtual boost::asio::awaitable<std::size_t> read_some(std::span<std::uint8_t> buffer,
                                                        Deadline deadline) = 0;
  // Closes immediately; pending operations complete with an error. Never throws.
  virtual void close() noexcept = 0;
  // Ends the connection the polite way, then closes: a dial-up line is hung up with the
  // escape sequence and ATH (ModemLink). Links with nothing to say just close. Throws
  // TransportError if the polite part fails; the link is closed either way.
  virtual boost::asio::awaitable<void> close_gracefully() {
    close();
    co_return;
  }
  virtual bool is_open() const = 0;

  // Counters since construction (a snapshot).
  virtual LinkStats stats() const = 0;
  // "tcp 127.0.0.1:502", "tls meter7.example:443", "serial /dev/ttyUSB0 9600 8N1".
  virtual std::string describe() const = 0;
  virtual boost::asio::any_io_executor get_executor() = 0;
};

}  // namespace jemhead::transport
