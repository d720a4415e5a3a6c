#include "drivers/protocol/dlms/hdlc/address.hpp"

#include <stdexcept>

namespace jemhead::dlms::hdlc {
namespace {

constexpr std::uint8_t kEnd = 0x01;  // extension bit: this byte ends the address

std::uint8_t shifted(unsigned seven_bits) {
  return static_cast<std::uint8_t>(seven_bits << 1);
}

}  // namespace

Address client_address(std::uint8_t sap) {
  if (sap > 0x7F) throw std::invalid_argument("hdlc: client SAP must be 0..127");
  return Address{sap, 0, 1};
}

Address server_address(std::uint16_t logical_device, std::uint16_t physical_address) {
  if (logical_device > 0x3FFF || physical_address > 0x3FFF)
    throw std::invalid_argument("hdlc: server address parts must be 0..16383");
  return Address{logical_device, physical_address, 4};
}

void encode_address(const Address& a, std::vector<std::uint8_t>& out) {
  if (a.size != 1 && a.size != 2 && a.size != 4)
    throw std::invalid_argument("hdlc: address size must be 1, 2 or 4 bytes");
  const std::uint16_t limit = max_address_part(a.size);
  if (a.upper > limit || (a.size > 1 && a.lower > limit))
    throw std::invalid_argument("hdlc: address part too large for its form");
  switch (a.size) {
    case 1: out.push_back(shifted(a.upper) | kEnd); break;
    case 2:
      out.push_back(shifted(a.upper));
      out.push_back(shifted(a.lower) | kEnd);
      break;
    default:
      out.push_back(shifted(a.upper >> 7));
      out.push_back(shifted(a.upper & 0x7Fu));
      out.push_back(shifted(a.lower >> 7));
      out.push_back(shifted(a.lower & 0x7Fu) | kEnd);
      break;
  }
}

std::optional<DecodedAddress> decode_address(std::span<const std::uint8_t> bytes) {
  std::size_t n = 0;
  while (n < bytes.size() && n < 4 && !(bytes[n] & kEnd)) ++n;
  if (n == bytes.size() || n == 4) return std::nullopt;  // unterminated
  const std::size_t size = n + 1;
  if (size == 3) return std::nullopt;
  auto part = [&](std::size_t i) { return static_cast<std::uint16_t>(bytes[i] >> 1); };
  DecodedAddress d;
  d.bytes = size;
  d.address.size = static_cast<std::uint8_t>(size);
  if (size == 1) {
    d.address.upper = part(0);
  } else if (size == 2) {
    d.address.upper = part(0);
    d.address.lower = part(1);
  } else {
    d.address.upper = static_cast<std::uint16_t>(part(0) << 7 | part(1));
    d.address.lower = static_cast<std::uint16_t>(part(2) << 7 | part(3));
  }
  return d;
}

}  // namespace jemhead::dlms::hdlc
