#include "drivers/protocol/dlms/axdr/data_type.hpp"

namespace jemhead::dlms::axdr {

std::string_view type_name(DataType type) {
  switch (type) {
    case DataType::null_data: return "null-data";
    case DataType::array: return "array";
    case DataType::structure: return "structure";
    case DataType::boolean: return "boolean";
    case DataType::bit_string: return "bit-string";
    case DataType::double_long: return "double-long";
    case DataType::double_long_unsigned: return "double-long-unsigned";
    case DataType::octet_string: return "octet-string";
    case DataType::visible_string: return "visible-string";
    case DataType::utf8_string: return "utf8-string";
    case DataType::bcd: return "bcd";
    case DataType::integer: return "integer";
    case DataType::long_: return "long";
    case DataType::unsigned_: return "unsigned";
    case DataType::long_unsigned: return "long-unsigned";
    case DataType::compact_array: return "compact-array";
    case DataType::long64: return "long64";
    case DataType::long64_unsigned: return "long64-unsigned";
    case DataType::enum_: return "enum";
    case DataType::float32: return "float32";
    case DataType::float64: return "float64";
    case DataType::date_time: return "date-time";
    case DataType::date: return "date";
    case DataType::time: return "time";
    case DataType::dont_care: return "dont-care";
  }
  return "unknown";
}

std::optional<DataType> data_type_from_tag(std::uint8_t tag) {
  const auto type = static_cast<DataType>(tag);
  // type_name() knows exactly the defined tags, so it doubles as the membership test.
  if (type_name(type) == "unknown") return std::nullopt;
  return type;
}

std::optional<std::size_t> fixed_size(DataType type) {
  switch (type) {
    case DataType::null_data:
    case DataType::dont_care: return 0;
    case DataType::boolean:
    case DataType::bcd:
    case DataType::integer:
    case DataType::unsigned_:
    case DataType::enum_: return 1;
    case DataType::long_:
    case DataType::long_unsigned: return 2;
    case DataType::double_long:
    case DataType::double_long_unsigned:
    case DataType::float32:
    case DataType::time: return 4;
    case DataType::date: return 5;
    case DataType::long64:
    case DataType::long64_unsigned:
    case DataType::float64: return 8;
    case DataType::date_time: return 12;
    case DataType::array:
    case DataType::structure:
    case DataType::bit_string:
    case DataType::octet_string:
    case DataType::visible_string:
    case DataType::utf8_string:
    case DataType::compact_array: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace jemhead::dlms::axdr
