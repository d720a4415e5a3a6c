#include "drivers/protocol/dlms/hdlc/fcs16.hpp"

namespace jemhead::dlms::hdlc {

void append_fcs16(std::vector<std::uint8_t>& out) {
  const std::uint16_t fcs = fcs16(out);
  out.push_back(static_cast<std::uint8_t>(fcs & 0xFFu));
  out.push_back(static_cast<std::uint8_t>(fcs >> 8));
}

bool fcs16_matches(std::span<const std::uint8_t> covered, std::span<const std::uint8_t, 2> check) {
  const std::uint16_t fcs = fcs16(covered);
  return check[0] == (fcs & 0xFFu) && check[1] == (fcs >> 8);
}

}  // namespace jemhead::dlms::hdlc
