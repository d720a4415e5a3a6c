#include "drivers/protocol/dlms/axdr/encoder.hpp"

#include <bit>
#include <string>

#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/axdr/length.hpp"

namespace jemhead::dlms::axdr {

namespace {

void put_be(std::uint64_t value, std::size_t bytes, std::vector<std::uint8_t>& out) {
  for (std::size_t i = bytes; i-- > 0;) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

void put_bytes(const Bytes& bytes, std::vector<std::uint8_t>& out) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

void put_string(const std::string& text, std::vector<std::uint8_t>& out) {
  encode_length(text.size(), out);
  out.insert(out.end(), text.begin(), text.end());
}

class Encoder {
 public:
  Encoder(std::vector<std::uint8_t>& out, std::size_t max_depth)
      : out_(out), max_depth_(max_depth) {}

  void tagged(const Data& v, std::size_t depth) {
    out_.push_back(static_cast<std::uint8_t>(v.type()));
    content(v, depth);
  }

 private:
  void enter(std::size_t depth, DataType type) const {
    if (depth >= max_depth_)
      throw EncodeError(std::string(type_name(type)) + " nested deeper than " +
                        std::to_string(max_depth_) + " levels");
  }

  // Everything after the tag; in compact-array contents this is the whole encoding.
  void content(const Data& v, std::size_t depth) {
    switch (v.type()) {
      case DataType::null_data:
      case DataType::dont_care: return;
      case DataType::boolean: out_.push_back(v.as_boolean() ? 0x01 : 0x00); return;
      case DataType::bcd: out_.push_back(v.as_bcd()); return;
      case DataType::integer: put_be(static_cast<std::uint8_t>(v.as_integer()), 1, out_); return;
      case DataType::unsigned_: out_.push_back(v.as_unsigned()); return;
      case DataType::enum_: out_.push_back(v.as_enum()); return;
      case DataType::long_: put_be(static_cast<std::uint16_t>(v.as_long()), 2, out_); return;
      case DataType::long_unsigned: put_be(v.as_long_unsigned(), 2, out_); return;
      case DataType::double_long:
        put_be(static_cast<std::uint32_t>(v.as_double_long()), 4, out_);
        return;
      case DataType::double_long_unsigned: put_be(v.as_double_long_unsigned(), 4, out_); return;
      case DataType::long64: put_be(static_cast<std::uint64_t>(v.as_long64()), 8, out_); return;
      case DataType::long64_unsigned: put_be(v.as_long64_unsigned(), 8, out_); return;
      case DataType::float32: put_be(std::bit_cast<std::uint32_t>(v.as_float32()), 4, out_); return;
      case DataType::float64: put_be(std::bit_cast<std::uint64_t>(v.as_float64()), 8, out_); return;
      case DataType::date_time: put_bytes(v.as_date_time(), out_); return;
      case DataType::date: put_bytes(v.as_date(), out_); return;
      case DataType::time: put_bytes(v.as_time(), out_); return;
      case DataType::octet_string:
        encode_length(v.as_octet_string().size(), out_);
        put_bytes(v.as_octet_string(), out_);
        return;
      case DataType::visible_string: put_string(v.as_visible_string(), out_); return;
      case DataType::utf8_string: put_string(v.as_utf8_string(), out_); return;
      case DataType::bit_string:
        encode_length(v.as_bit_string().bit_count, out_);
        put_bytes(v.as_bit_string().bytes, out_);
        return;
      case DataType::array:
      case DataType::structure: {
        enter(depth, v.type());
        const auto& items = v.type() == DataType::array ? v.as_array() : v.as_structure();
        encode_length(items.size(), out_);
        for (const auto& item : items) tagged(item, depth + 1);
        return;
      }
      case DataType::compact_array: compact_array(v.as_compact_array(), depth); return;
    }
  }

  void description(const TypeDescription& d, std::size_t depth) {
    out_.push_back(static_cast<std::uint8_t>(d.type));
    if (d.type == DataType::compact_array)
      throw EncodeError("compact-array inside a type description");
    if (d.type == DataType::array) {
      enter(depth, d.type);
      if (d.elements.size() != 1)
        throw EncodeError("array description needs exactly one element type");
      put_be(d.array_count, 2, out_);
      description(d.elements.front(), depth + 1);
    } else if (d.type == DataType::structure) {
      enter(depth, d.type);
      encode_length(d.elements.size(), out_);
      for (const auto& member : d.elements) description(member, depth + 1);
    } else if (!d.elements.empty()) {
      throw EncodeError(std::string(type_name(d.type)) + " description with member types");
    }
  }

  void untagged(const Data& v, const TypeDescription& d, std::size_t depth) {
    if (v.type() != d.type)
      throw EncodeError("compact-array element is " + std::string(type_name(v.type())) +
                        ", description says " + std::string(type_name(d.type)));
    if (d.type == DataType::array || d.type == DataType::structure) {
      enter(depth, d.type);
      const auto& items = d.type == DataType::array ? v.as_array() : v.as_structure();
      const std::size_t expected =
          d.type == DataType::array ? std::size_t{d.array_count} : d.elements.size();
      if (items.size() != expected)
        throw EncodeError("compact-array element " + std::string(type_name(d.type)) + " has " +
                          std::to_string(items.size()) + " elements, description says " +
                          std::to_string(expected));
      for (std::size_t i = 0; i < items.size(); ++i)
        untagged(items[i], d.type == DataType::array ? d.elements.front() : d.elements[i],
                 depth + 1);
      return;
    }
    content(v, depth);
  }

  void compact_array(const CompactArray& a, std::size_t depth) {
    enter(depth, DataType::compact_array);
    description(a.element_type, depth + 1);
    // The contents' length comes first, so they are built aside and then appended.
    std::vector<std::uint8_t> contents;
    Encoder inner(contents, max_depth_);
    for (const auto& element : a.elements) inner.untagged(element, a.element_type, depth + 1);
    // Zero-size elements leave no bytes, and a decoder would read back an empty array.
    if (contents.empty() && !a.elements.empty())
      throw EncodeError("compact-array of zero-size elements cannot be encoded");
    encode_length(contents.size(), out_);
    out_.insert(out_.end(), contents.begin(), contents.end());
  }

  std::vector<std::uint8_t>& out_;
  std::size_t max_depth_;
};

}  // namespace

void encode_to(const Data& value, std::vector<std::uint8_t>& out, std::size_t max_depth) {
  Encoder(out, max_depth).tagged(value, 0);
}

std::vector<std::uint8_t> encode(const Data& value, std::size_t max_depth) {
  std::vector<std::uint8_t> out;
  encode_to(value, out, max_depth);
  return out;
}

}  // namespace jemhead::dlms::axdr
