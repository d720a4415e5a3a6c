#include "drivers/protocol/dlms/hdlc/llc.hpp"

#include <algorithm>

namespace jemhead::dlms::hdlc {

std::vector<std::uint8_t> add_llc(LlcDirection direction, std::span<const std::uint8_t> apdu) {
  const auto header = llc_header(direction);
  // Sized up front and copied into: GCC 12 misreports range-insert after a fixed prefix
  // (-Wstringop-overflow false positive).
  std::vector<std::uint8_t> out(header.size() + apdu.size());
  std::copy(header.begin(), header.end(), out.begin());
  std::copy(apdu.begin(), apdu.end(), out.begin() + static_cast<std::ptrdiff_t>(header.size()));
  return out;
}

std::optional<std::span<const std::uint8_t>> strip_llc(LlcDirection direction,
                                                       std::span<const std::uint8_t> info) {
  const auto header = llc_header(direction);
  if (info.size() < header.size() || !std::equal(header.begin(), header.end(), info.begin()))
    return std::nullopt;
  return info.subspan(header.size());
}

}  // namespace jemhead::dlms::hdlc
