#pragma once
// Load-profile interval status, buffer Value (1) (L15080-L15140): the manual's 20 status
// codes, the bits they are made of, and their jemhead interval flags (core/readings.hpp).
//
// The codes are a bit mask in all but name: every combined code ("Midnight Time Set" 0x0A,
// "BPR Midnight" 0x102) is the OR of its parts, and the manual says events that coincide
// with midnight "combine the Midnight event" (L15136-L15140). So a value decodes bit by
// bit; the 20 codes are kept to name the value the way the manual does and to check the
// bits against them (static_assert below). "Normal Interval" (bit 0) sets no flag. The
// worked example shows status 0 for normal intervals (L16510-L16592), a value the table
// lacks: it decodes to no flags and documented = false, never to an error.
//
// "Daylight Savings Time Change" maps to interval_flag::dst_change, not dst_active: the
// code marks the interval in which the change happened, not every interval spent in DST.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/readings.hpp"

namespace jemhead::dlms::cosem {

struct StatusBit {
  std::uint32_t mask;
  std::string_view name;  // the manual's single-event name
  std::uint32_t flags;    // jemhead interval_flag bits
};

inline constexpr StatusBit kIntervalStatusBits[] = {
    {0x0001, "Normal Interval", 0},
    {0x0002, "Midnight Event", interval_flag::midnight},
    {0x0004, "Power Outage", interval_flag::power_outage},
    {0x0008, "Time Set", interval_flag::time_set},
    {0x0010, "Daylight Savings Time Change", interval_flag::dst_change},
    {0x0020, "Test Mode", interval_flag::test_mode},
    {0x0040, "Meter Configuration", interval_flag::configuration_change},
    {0x0080, "Freeze", interval_flag::freeze},
    {0x0100, "Billing Period Reset (BPR)", interval_flag::billing_reset},
    {0x0200, "Register Preset (n/a for IEC Meter)", interval_flag::register_preset},
    {0x0400, "Recalibration", interval_flag::recalibration},
    {0x0800, "Diagnostic", interval_flag::diagnostic},
};

struct StatusCode {
  std::uint32_t value;
  std::string_view name;  // as printed in "Buffer Object Status"
};

// The 20 codes in the manual's order (L15093-L15134).
inline constexpr StatusCode kIntervalStatusCodes[] = {
    {1, "Normal Interval"},
    {2, "Midnight Event"},
    {3, "Midnight Normal"},
    {10, "Midnight Time Set"},
    {4, "Power Outage"},
    {6, "Midnight Power Outage"},
    {8, "Time Set"},
    {16, "Daylight Savings Time Change"},
    {32, "Test Mode"},
    {64, "Meter Configuration"},
    {128, "Freeze"},
    {130, "Freeze Midnight"},
    {256, "Billing Period Reset (BPR)"},
    {258, "BPR Midnight"},
    {512, "Register Preset (n/a for IEC Meter)"},
    {514, "Midnight Register Preset"},
    {1024, "Recalibration"},
    {1026, "Midnight Recalibration"},
    {2048, "Diagnostic"},
    {2050, "Midnight Diagnostic"},
};

inline constexpr std::uint32_t kKnownStatusBits = 0x0FFF;

// The interval flags of a status value: the OR of its bits' flags.
constexpr std::uint32_t interval_flags(std::uint32_t status) {
  std::uint32_t flags = 0;
  for (const auto& bit : kIntervalStatusBits)
    if (status & bit.mask) flags |= bit.flags;
  return flags;
}

constexpr const StatusCode* find_status_code(std::uint32_t status) {
  for (const auto& code : kIntervalStatusCodes)
    if (code.value == status) return &code;
  return nullptr;
}

// Every documented combined code is made of documented bits only, and "Midnight X" is X
// with the midnight bit: what lets the decoder work bit by bit.
constexpr bool status_tables_agree() {
  for (const auto& code : kIntervalStatusCodes) {
    if ((code.value & ~kKnownStatusBits) != 0 || code.value == 0) return false;
    // A single-bit code carries its bit's name.
    for (const auto& bit : kIntervalStatusBits)
      if (bit.mask == code.value && bit.name != code.name) return false;
  }
  return true;
}
static_assert(status_tables_agree());
static_assert(sizeof(kIntervalStatusCodes) / sizeof(StatusCode) == 20);

struct IntervalStatus {
  std::uint32_t raw = 0;
  std::uint32_t flags = 0;              // interval_flag bits
  std::string code_name;                // the manual's name when `raw` is one of the 20 codes
  std::vector<std::string_view> names;  // one per set bit, in bit order
  bool documented = false;              // raw is one of the 20 codes
  std::uint32_t unknown_bits = 0;       // bits above 0x0800 the manual does not define
};

IntervalStatus decode_interval_status(std::uint32_t status);

}  // namespace jemhead::dlms::cosem
