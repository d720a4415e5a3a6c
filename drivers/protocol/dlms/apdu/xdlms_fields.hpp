#pragma once
// Field codecs shared by the xDLMS request and response codecs. Internal.
#include <stdexcept>
#include <string>

#include "drivers/protocol/dlms/apdu/axdr_length.hpp"
#include "drivers/protocol/dlms/apdu/byte_reader.hpp"
#include "drivers/protocol/dlms/apdu/cosem_attribute.hpp"

namespace jemhead::dlms::apdu::detail {

inline void put_invoke(Bytes& out, const InvokeIdAndPriority& invoke) {
  if (invoke.invoke_id > 15) throw std::invalid_argument("invoke id must be 0..15");
  out.push_back(invoke.to_byte());
}
inline bool read_invoke(ByteReader& r, InvokeIdAndPriority& invoke) {
  std::uint8_t b = 0;
  if (!r.u8(b, "invoke-id-and-priority")) return false;
  invoke = InvokeIdAndPriority::from_byte(b);
  return true;
}

inline void put_descriptor(Bytes& out, const CosemAttributeDescriptor& d) {
  put_u16(out, d.class_id);
  out.insert(out.end(), d.instance_id.begin(), d.instance_id.end());
  out.push_back(static_cast<std::uint8_t>(d.attribute_id));
}
inline bool read_descriptor(ByteReader& r, CosemAttributeDescriptor& d) {
  ByteView name;
  std::uint8_t attribute = 0;
  if (!r.u16(d.class_id, "class-id") || !r.take(6, name, "instance-id") ||
      !r.u8(attribute, "attribute-id"))
    return false;
  std::copy(name.begin(), name.end(), d.instance_id.begin());
  d.attribute_id = static_cast<std::int8_t>(attribute);
  return true;
}

inline void require_single_data(ByteView bytes, const char* what) {
  if (!is_single_data(bytes))
    throw std::invalid_argument(std::string(what) + " must be exactly one A-XDR Data element");
}

// access-selection OPTIONAL: 00, or 01 selector parameters(Data)
inline void put_access(Bytes& out, const std::optional<AccessSelection>& access) {
  if (!access) {
    out.push_back(0x00);
    return;
  }
  require_single_data(access->parameters, "access-parameters");
  out.push_back(0x01);
  out.push_back(access->selector);
  out.insert(out.end(), access->parameters.begin(), access->parameters.end());
}

// Copies one Data element into `out`.
inline bool read_data(ByteReader& r, Bytes& out) {
  const std::size_t start = r.offset();
  if (!skip_data(r)) return false;
  const ByteView span = r.consumed_since(start);
  out.assign(span.begin(), span.end());
  return true;
}

inline bool read_access(ByteReader& r, std::optional<AccessSelection>& access) {
  const std::size_t at = r.offset();
  std::uint8_t flag = 0;
  if (!r.u8(flag, "access-selection flag")) return false;
  if (flag == 0) return true;
  if (flag != 1) return r.fail_at(ApduError::bad_value, at, "access-selection flag must be 0 or 1");
  AccessSelection selection;
  if (!r.u8(selection.selector, "access-selector") || !read_data(r, selection.parameters))
    return false;
  access = std::move(selection);
  return true;
}

}  // namespace jemhead::dlms::apdu::detail
