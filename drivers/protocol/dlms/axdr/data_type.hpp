#pragma once
// The COSEM `Data` type tags (IEC 62056-6-2, the Blue Book's "Data" CHOICE). The numeric
// value of each enumerator is the tag byte A-XDR puts in front of the value; gaps (7, 8,
// 11, 14) are tags the standard reserves and a decoder must refuse.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jemhead::dlms::axdr {

enum class DataType : std::uint8_t {
  null_data = 0,
  array = 1,
  structure = 2,
  boolean = 3,
  bit_string = 4,
  double_long = 5,           // int32
  double_long_unsigned = 6,  // uint32
  octet_string = 9,
  visible_string = 10,
  utf8_string = 12,
  bcd = 13,            // one byte
  integer = 15,        // int8
  long_ = 16,          // int16 ("long"; the trailing underscore avoids the keyword)
  unsigned_ = 17,      // uint8 ("unsigned")
  long_unsigned = 18,  // uint16
  compact_array = 19,
  long64 = 20,
  long64_unsigned = 21,
  enum_ = 22,  // uint8 ("enum")
  float32 = 23,
  float64 = 24,
  date_time = 25,  // 12 bytes, no length prefix
  date = 26,       // 5 bytes
  time = 27,       // 4 bytes
  dont_care = 255,
};

// The Blue Book spelling ("long-unsigned", "octet-string"), used in every error message.
std::string_view type_name(DataType type);

// The tag byte as a DataType, or nullopt for a reserved/unknown tag.
std::optional<DataType> data_type_from_tag(std::uint8_t tag);

// Size in bytes of a fixed-size value (without its tag): 1 for boolean, 4 for
// double-long, 12 for date-time, 0 for null-data ... nullopt for the types that carry a
// length (strings, bit-string, array, structure, compact-array).
std::optional<std::size_t> fixed_size(DataType type);

}  // namespace jemhead::dlms::axdr
