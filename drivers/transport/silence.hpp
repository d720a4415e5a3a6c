#pragma once
// Line silence on a serial link: character times at a baud rate, the Modbus RTU
// inter-frame gap (t3.5) and inter-character limit (t1.5), and a detector that tells a
// reader when the line has gone quiet after a burst of bytes.
//
// The Modbus serial line specification (V1.02 §2.5.1.1) counts 11 bits per RTU character
// (start, 8 data, parity or a second stop bit, stop) and fixes t1.5 = 750 µs and t3.5 =
// 1750 µs above 19200 baud. We keep the 11-bit rule even on 8N1 lines (10 bits): it errs
// towards a longer gap, which is the safe side for delimiting frames.
//
// Note that an operating system cannot time bytes this finely (USB adapters deliver in
// 1-16 ms chunks), which is why the RTU decoder delimits frames by their length and uses
// silence only to abandon a false start; callers may raise the floor with `minimum`.
#include <chrono>
#include <cstdint>
#include <optional>

#include "drivers/transport/link.hpp"

namespace jemhead::transport {

inline constexpr unsigned kRtuBitsPerCharacter = 11;

// Time to send one character of `bits` bits at `baud` (rounded up to a microsecond).
// Throws std::invalid_argument for baud 0.
std::chrono::microseconds character_time(std::uint32_t baud, unsigned bits = kRtuBitsPerCharacter);
// Time to send `bytes` bytes at `baud` on an 8N1 line (10 bits per byte).
std::chrono::microseconds wire_time(std::size_t bytes, std::uint32_t baud);
// t3.5: 3.5 character times, or 1750 µs above 19200 baud.
std::chrono::microseconds rtu_inter_frame_gap(std::uint32_t baud);
// t1.5: 1.5 character times, or 750 µs above 19200 baud.
std::chrono::microseconds rtu_inter_character_gap(std::uint32_t baud);

// Watches the times at which bytes arrive and says when `gap` of silence has followed the
// last one. Usage in a read loop:
//   auto until = detector.next_deadline(request_deadline);
//   n = co_await link.read_some(buf, until);
//   if (n) detector.on_bytes(Clock::now()); else if (detector.silent(Clock::now())) ...
class SilenceDetector {
 public:
  explicit SilenceDetector(std::chrono::microseconds gap) : gap_(gap) {}

  void on_bytes(Clock::time_point now) { last_byte_ = now; }
  // True once bytes have arrived and none for `gap` since (a burst has ended).
  bool silent(Clock::time_point now) const { return last_byte_ && now - *last_byte_ >= gap_; }
  // When the current burst will count as ended, capped at `limit`; `limit` itself when
  // nothing has arrived since the last reset.
  Clock::time_point next_deadline(Clock::time_point limit) const;
  // Forget the burst (after handling its silence, or before a new request).
  void reset() { last_byte_.reset(); }

  std::chrono::microseconds gap() const { return gap_; }
  std::optional<Clock::time_point> last_byte() const { return last_byte_; }

 private:
  std::chrono::microseconds gap_;
  std::optional<Clock::time_point> last_byte_;
};

}  // namespace jemhead::transport
