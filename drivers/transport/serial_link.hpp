#pragma once
// SerialLink: a Link over a local serial device (RS-232, or RS-485 through an adapter that
// switches direction by itself), 8 data bits, no parity, 1 stop bit, no flow control (the
// meter has no hardware handshaking, manual L12627-12629).
//
// RS-485 timing (manual L5195-5231, part3 §2.2): the meter holds its transmitter on for its
// "TX End Delay" (40 ms suggested) after the last byte of a response, so the master must
// not drive the line before that has passed: that is `turnaround_delay` here, measured from
// the last byte received. `tx_start_delay` / `tx_end_delay` are the master's own
// key-up and hold times around each transmission (for radio modems and adapters that need
// them; 0 for auto-direction adapters). write_all accounts for the time the bytes take on
// the wire at the configured baud, since the kernel accepts them before they are sent.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "drivers/transport/link.hpp"

namespace jemhead::transport {

struct Rs485Timing {
  std::chrono::milliseconds turnaround_delay{0};  // quiet time after the last received byte
  std::chrono::milliseconds tx_start_delay{0};    // before the first byte of a transmission
  std::chrono::milliseconds tx_end_delay{0};      // after the last byte has left the wire
};

// Baud rates of the meter's serial ports and of the connection profile.
inline constexpr std::uint32_t kSupportedBaudRates[] = {1200, 2400, 4800, 9600, 19200, 38400};
bool is_supported_baud(std::uint32_t baud);

struct SerialLinkOptions {
  std::string device;  // e.g. /dev/ttyUSB0
  std::uint32_t baud = 9600;
  Rs485Timing rs485;  // all zero for RS-232
};

class SerialLink final : public Link {
 public:
  // Throws TransportError(invalid_options) for an empty device or an unsupported baud,
  // or a delay over 10 s.
  SerialLink(boost::asio::any_io_executor executor, SerialLinkOptions options);
  ~SerialLink() override;

  // Opens and configures the device and discards whatever it had buffered.
  boost::asio::awaitable<void> open() override;
  // Waits out the turnaround and TX start delays, sends, then waits for the bytes' wire
  // time plus the TX end delay. The deadline bounds the delays as well as the write.
  boost::asio::awaitable<void> write_all(std::span<const std::uint8_t> bytes,
                                         Deadline deadline) override;
  boost::asio::awaitable<std::size_t> read_some(std::span<std::uint8_t> buffer,
                                                Deadline deadline) override;
  void close() noexcept override;
  bool is_open() const override;
  LinkStats stats() const override;
  std::string describe() const override;
  boost::asio::any_io_executor get_executor() override;

  // Drops bytes received but not yet read (e.g. a late answer from a timed-out slave).
  // Returns how many were dropped.
  std::size_t discard_input();
  const SerialLinkOptions& options() const;
  // When the last byte was received, if any (turnaround is measured from it).
  std::optional<Clock::time_point> last_byte_received() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::transport
