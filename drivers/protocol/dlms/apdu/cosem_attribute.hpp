#pragma once
// How xDLMS requests name what they access: invoke-id-and-priority, the COSEM attribute
// descriptor (class, logical name, attribute) and the optional selective access. Data
// values travel as opaque A-XDR bytes: the A-XDR codec (axdr/) builds and reads them.
#include <array>
#include <cstdint>
#include <optional>

#include "drivers/protocol/dlms/apdu/apdu_error.hpp"

namespace jemhead::dlms::apdu {

using Obis = std::array<std::uint8_t, 6>;  // logical name A.B.C.D.E.F

// Invoke-Id-And-Priority: bits 0-3 invoke id, bit 6 service class (1 = confirmed),
// bit 7 priority (1 = high). 0xC1 = invoke id 1, confirmed, high priority.
struct InvokeIdAndPriority {
  std::uint8_t invoke_id = 1;  // 0..15
  bool confirmed = true;
  bool high_priority = true;
  std::uint8_t reserved_bits = 0;  // bits 4-5 as received; 0 when sending

  std::uint8_t to_byte() const {
    return static_cast<std::uint8_t>((invoke_id & 0x0F) | ((reserved_bits & 0x03) << 4) |
                                     (confirmed ? 0x40 : 0) | (high_priority ? 0x80 : 0));
  }
  static InvokeIdAndPriority from_byte(std::uint8_t b) {
    return {static_cast<std::uint8_t>(b & 0x0F), (b & 0x40) != 0, (b & 0x80) != 0,
            static_cast<std::uint8_t>((b >> 4) & 0x03)};
  }
  bool operator==(const InvokeIdAndPriority&) const = default;
};

struct CosemAttributeDescriptor {
  std::uint16_t class_id = 0;
  Obis instance_id{};
  std::int8_t attribute_id = 0;
  bool operator==(const CosemAttributeDescriptor&) const = default;
};

// Selective-Access-Descriptor: a selector and its parameters, one A-XDR Data element
// (build it with selective_access.hpp for the range and entry descriptors).
struct AccessSelection {
  std::uint8_t selector = 0;
  Bytes parameters;
  bool operator==(const AccessSelection&) const = default;
};

}  // namespace jemhead::dlms::apdu
