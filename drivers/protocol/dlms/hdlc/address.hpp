#pragma once
// HDLC addresses (IEC 62056-46 §6.4.2.2): every address byte carries 7 address bits above
// an extension bit, and the byte whose extension bit is 1 ends the address. A client
// address is one byte (its SAP). A server address is one, two or four bytes: the upper
// HDLC address (logical device) followed by the lower one (physical device), each split in
// half of the bytes. The JEMStar uses four bytes (part7 §3, L13974): upper = management
// logical device 0x0001, lower = the Unit ID 16..16381 (default 100) -> 00 02 00 C9.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace jemhead::dlms::hdlc {

// Client SAPs the meter serves (manual L6553-6583).
inline constexpr std::uint8_t kPublicClientSap = 16;
inline constexpr std::uint8_t kReadWriteClientSap = 1;  // LLS, may set the clock
inline constexpr std::uint8_t kReadOnlyClientSap = 2;   // LLS
inline constexpr std::uint16_t kManagementLogicalDevice = 1;
inline constexpr std::uint16_t kDefaultPhysicalAddress = 100;
inline constexpr std::uint16_t kMinPhysicalAddress = 16;     // manual L6525-6527
inline constexpr std::uint16_t kMaxPhysicalAddress = 16381;  // 0x3FFD

// One address field as it is on the wire. For a one-byte address `lower` is 0 and unused.
struct Address {
  std::uint16_t upper = 0;  // client: the SAP; server: the logical device
  std::uint16_t lower = 0;  // server: the physical device (2- and 4-byte forms)
  std::uint8_t size = 1;    // bytes on the wire: 1, 2 or 4
  bool operator==(const Address&) const = default;
};

// `sap` must be 0..127. Throws std::invalid_argument otherwise.
Address client_address(std::uint8_t sap);
// The four-byte server address; each part must fit 14 bits (throws std::invalid_argument).
Address server_address(std::uint16_t logical_device, std::uint16_t physical_address);

// Largest value each part can hold in a given form: 7 bits (sizes 1, 2) or 14 bits (4).
constexpr std::uint16_t max_address_part(std::uint8_t size) {
  return size == 4 ? 0x3FFF : 0x7F;
}

// Appends the wire bytes. Throws std::invalid_argument for a size other than 1/2/4 or a
// part too large for the form.
void encode_address(const Address& address, std::vector<std::uint8_t>& out);

struct DecodedAddress {
  Address address;
  std::size_t bytes = 0;  // consumed from the input
};

// Reads an address from the front of `bytes`. Empty when it is not terminated within four
// bytes, has the undefined three-byte form, or runs past the input.
std::optional<DecodedAddress> decode_address(std::span<const std::uint8_t> bytes);

}  // namespace jemhead::dlms::hdlc
