#include "drivers/protocol/modbus/crc16.hpp"

namespace jemhead::modbus {

std::array<std::uint8_t, 2> crc_wire_bytes(std::uint16_t crc, CrcOrder order) {
  const auto lo = static_cast<std::uint8_t>(crc & 0xFFu);
  const auto hi = static_cast<std::uint8_t>(crc >> 8);
  if (order == CrcOrder::high_byte_first) return {hi, lo};
  return {lo, hi};
}

void append_crc(std::vector<std::uint8_t>& frame, CrcOrder order) {
  const auto wire = crc_wire_bytes(crc16(frame), order);
  frame.insert(frame.end(), wire.begin(), wire.end());
}

bool crc_matches(std::span<const std::uint8_t> frame, CrcOrder order) {
  if (frame.size() < 3) return false;
  const auto body = frame.first(frame.size() - 2);
  const auto wire = crc_wire_bytes(crc16(body), order);
  return frame[frame.size() - 2] == wire[0] && frame[frame.size() - 1] == wire[1];
}

}  // namespace jemhead::modbus
