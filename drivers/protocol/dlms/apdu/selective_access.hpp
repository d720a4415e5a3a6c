#pragma once
// The profile-generic (IC7) selective access parameters: range_descriptor (selector 1,
// "by date range") and entry_descriptor (selector 2, "by number of records"). The
// from/to values of a range are Data the caller encodes (for the JEMStar: date-time
// octet strings of the clock), so this layer stays independent of the A-XDR codec.
#include <cstdint>
#include <vector>

#include "drivers/protocol/dlms/apdu/cosem_attribute.hpp"

namespace jemhead::dlms::apdu {

inline constexpr std::uint8_t kRangeDescriptorSelector = 1;
inline constexpr std::uint8_t kEntryDescriptorSelector = 2;

// capture_object_definition ::= structure { class_id long-unsigned, logical_name
// octet-string[6], attribute_index integer, data_index long-unsigned }
struct CaptureObjectDefinition {
  std::uint16_t class_id = 0;
  Obis logical_name{};
  std::int8_t attribute_index = 0;
  std::uint16_t data_index = 0;
  bool operator==(const CaptureObjectDefinition&) const = default;
};

// The clock's time attribute, the restricting object of every LP range read.
inline constexpr CaptureObjectDefinition kClockTimeCaptureObject{8, {0, 0, 1, 0, 0, 255}, 2, 0};

struct RangeDescriptor {
  CaptureObjectDefinition restricting_object = kClockTimeCaptureObject;
  Bytes from_value;                                      // one encoded Data element
  Bytes to_value;                                        // one encoded Data element
  std::vector<CaptureObjectDefinition> selected_values;  // empty = all columns
  bool operator==(const RangeDescriptor&) const = default;
};

struct EntryDescriptor {
  std::uint32_t from_entry = 1;
  std::uint32_t to_entry = 0;  // 0 = up to the newest entry
  std::uint16_t from_selected_value = 1;
  std::uint16_t to_selected_value = 0;  // 0 = up to the last column
  bool operator==(const EntryDescriptor&) const = default;
};

// Throws std::invalid_argument when from/to are not exactly one Data element each (a bug
// in the caller, never something received).
AccessSelection make_range_access(const RangeDescriptor& range);
AccessSelection make_entry_access(const EntryDescriptor& entry);

// The server's side: parameters of a received selective access.
Decoded<RangeDescriptor> decode_range_descriptor(ByteView parameters);
Decoded<EntryDescriptor> decode_entry_descriptor(ByteView parameters);

Bytes encode_capture_object_definition(const CaptureObjectDefinition& definition);

}  // namespace jemhead::dlms::apdu
