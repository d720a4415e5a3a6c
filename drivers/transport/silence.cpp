#include "drivers/transport/silence.hpp"

#include <algorithm>
#include <stdexcept>

namespace jemhead::transport {

using std::chrono::microseconds;

namespace {
constexpr std::uint32_t kFixedTimingAbove = 19200;  // the spec's fixed timings start here
constexpr microseconds kFixedInterFrame{1750};
constexpr microseconds kFixedInterCharacter{750};

// Ceiling of (numerator / baud) microseconds.
microseconds micros_at_baud(std::uint64_t bit_micros_numerator, std::uint32_t baud) {
  if (baud == 0) throw std::invalid_argument("baud rate must be positive");
  return microseconds{static_cast<microseconds::rep>((bit_micros_numerator + baud - 1) / baud)};
}
}  // namespace

microseconds character_time(std::uint32_t baud, unsigned bits) {
  return micros_at_baud(std::uint64_t{bits} * 1'000'000, baud);
}

microseconds wire_time(std::size_t bytes, std::uint32_t baud) {
  return micros_at_baud(std::uint64_t{bytes} * 10 * 1'000'000, baud);
}

microseconds rtu_inter_frame_gap(std::uint32_t baud) {
  if (baud > kFixedTimingAbove) return kFixedInterFrame;
  // 3.5 characters = 7 half-characters; computed in one division to round only once.
  return micros_at_baud(std::uint64_t{kRtuBitsPerCharacter} * 7 * 1'000'000 / 2, baud);
}

microseconds rtu_inter_character_gap(std::uint32_t baud) {
  if (baud > kFixedTimingAbove) return kFixedInterCharacter;
  return micros_at_baud(std::uint64_t{kRtuBitsPerCharacter} * 3 * 1'000'000 / 2, baud);
}

Clock::time_point SilenceDetector::next_deadline(Clock::time_point limit) const {
  if (!last_byte_) return limit;
  return std::min(limit, *last_byte_ + gap_);
}

}  // namespace jemhead::transport
