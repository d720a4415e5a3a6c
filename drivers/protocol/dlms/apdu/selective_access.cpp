#include "drivers/protocol/dlms/apdu/selective_access.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "drivers/protocol/dlms/apdu/axdr_length.hpp"
#include "drivers/protocol/dlms/apdu/byte_reader.hpp"

namespace jemhead::dlms::apdu {

using detail::ByteReader;

namespace {

// The few A-XDR tags these fixed structures use.
constexpr std::uint8_t kArray = 0x01;
constexpr std::uint8_t kStructure = 0x02;
constexpr std::uint8_t kDoubleLongUnsigned = 0x06;
constexpr std::uint8_t kOctetString = 0x09;
constexpr std::uint8_t kInteger = 0x0F;
constexpr std::uint8_t kLongUnsigned = 0x12;

void put_u16_data(Bytes& out, std::uint16_t v) {
  out.push_back(kLongUnsigned);
  detail::put_u16(out, v);
}
void put_u32_data(Bytes& out, std::uint32_t v) {
  out.push_back(kDoubleLongUnsigned);
  detail::put_u32(out, v);
}

bool expect_tag(ByteReader& r, std::uint8_t tag, std::string_view what) {
  const std::size_t at = r.offset();
  std::uint8_t got = 0;
  if (!r.u8(got, what)) return false;
  if (got != tag)
    return r.fail_at(ApduError::unexpected_tag, at,
                     std::string(what) + ": A-XDR tag " + std::to_string(got) + ", expected " +
                         std::to_string(tag));
  return true;
}

bool expect_count(ByteReader& r, std::uint8_t tag, std::size_t count, std::string_view what) {
  if (!expect_tag(r, tag, what)) return false;
  const std::size_t at = r.offset();
  std::size_t got = 0;
  if (!detail::read_axdr_length(r, got, what)) return false;
  if (got != count)
    return r.fail_at(ApduError::bad_value, at,
                     std::string(what) + " has " + std::to_string(got) + " elements, expected " +
                         std::to_string(count));
  return true;
}

bool read_u16_data(ByteReader& r, std::uint16_t& v, std::string_view what) {
  return expect_tag(r, kLongUnsigned, what) && r.u16(v, what);
}
bool read_u32_data(ByteReader& r, std::uint32_t& v, std::string_view what) {
  return expect_tag(r, kDoubleLongUnsigned, what) && r.u32(v, what);
}

bool read_capture_object(ByteReader& r, CaptureObjectDefinition& d) {
  if (!expect_count(r, kStructure, 4, "capture_object_definition") ||
      !read_u16_data(r, d.class_id, "class_id") ||
      !expect_count(r, kOctetString, 6, "logical_name"))
    return false;
  ByteView name;
  if (!r.take(6, name, "logical_name")) return false;
  std::copy(name.begin(), name.end(), d.logical_name.begin());
  std::uint8_t attribute = 0;
  if (!expect_tag(r, kInteger, "attribute_index") || !r.u8(attribute, "attribute_index"))
    return false;
  d.attribute_index = static_cast<std::int8_t>(attribute);
  return read_u16_data(r, d.data_index, "data_index");
}

bool read_one_data(ByteReader& r, Bytes& out) {
  const std::size_t start = r.offset();
  if (!detail::skip_data(r)) return false;
  const ByteView span = r.consumed_since(start);
  out.assign(span.begin(), span.end());
  return true;
}

}  // namespace

Bytes encode_capture_object_definition(const CaptureObjectDefinition& d) {
  Bytes out{kStructure, 4};
  put_u16_data(out, d.class_id);
  out.push_back(kOctetString);
  out.push_back(6);
  out.insert(out.end(), d.logical_name.begin(), d.logical_name.end());
  out.push_back(kInteger);
  out.push_back(static_cast<std::uint8_t>(d.attribute_index));
  put_u16_data(out, d.data_index);
  return out;
}

AccessSelection make_range_access(const RangeDescriptor& range) {
  if (!detail::is_single_data(range.from_value) || !detail::is_single_data(range.to_value))
    throw std::invalid_argument("range_descriptor from/to must each be one A-XDR Data element");
  AccessSelection access{kRangeDescriptorSelector, {kStructure, 4}};
  Bytes& p = access.parameters;
  const Bytes restricting = encode_capture_object_definition(range.restricting_object);
  p.insert(p.end(), restricting.begin(), restricting.end());
  p.insert(p.end(), range.from_value.begin(), range.from_value.end());
  p.insert(p.end(), range.to_value.begin(), range.to_value.end());
  p.push_back(kArray);
  detail::put_axdr_length(p, range.selected_values.size());
  for (const auto& column : range.selected_values) {
    const Bytes encoded = encode_capture_object_definition(column);
    p.insert(p.end(), encoded.begin(), encoded.end());
  }
  return access;
}

AccessSelection make_entry_access(const EntryDescriptor& entry) {
  AccessSelection access{kEntryDescriptorSelector, {kStructure, 4}};
  put_u32_data(access.parameters, entry.from_entry);
  put_u32_data(access.parameters, entry.to_entry);
  put_u16_data(access.parameters, entry.from_selected_value);
  put_u16_data(access.parameters, entry.to_selected_value);
  return access;
}

Decoded<RangeDescriptor> decode_range_descriptor(ByteView parameters) {
  ByteReader r(parameters);
  RangeDescriptor range;
  if (!expect_count(r, kStructure, 4, "range_descriptor") ||
      !read_capture_object(r, range.restricting_object) || !read_one_data(r, range.from_value) ||
      !read_one_data(r, range.to_value) || !expect_tag(r, kArray, "selected_values"))
    return r.take_error();
  std::size_t columns = 0;
  if (!detail::read_axdr_length(r, columns, "selected_values count")) return r.take_error();
  if (columns > r.remaining())
    return DecodeError{ApduError::bad_length, r.offset(),
                       std::to_string(columns) + " selected values cannot fit"};
  for (std::size_t i = 0; i < columns; ++i) {
    CaptureObjectDefinition column;
    if (!read_capture_object(r, column)) return r.take_error();
    range.selected_values.push_back(column);
  }
  if (!r.expect_end("range_descriptor")) return r.take_error();
  return range;
}

Decoded<EntryDescriptor> decode_entry_descriptor(ByteView parameters) {
  ByteReader r(parameters);
  EntryDescriptor entry;
  if (!expect_count(r, kStructure, 4, "entry_descriptor") ||
      !read_u32_data(r, entry.from_entry, "from_entry") ||
      !read_u32_data(r, entry.to_entry, "to_entry") ||
      !read_u16_data(r, entry.from_selected_value, "from_selected_value") ||
      !read_u16_data(r, entry.to_selected_value, "to_selected_value") ||
      !r.expect_end("entry_descriptor"))
    return r.take_error();
  return entry;
}

}  // namespace jemhead::dlms::apdu
