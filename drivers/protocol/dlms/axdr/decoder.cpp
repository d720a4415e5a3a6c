#include "drivers/protocol/dlms/axdr/decoder.hpp"

#include <algorithm>
#include <bit>
#include <limits>
#include <string>

#include "drivers/protocol/dlms/axdr/errors.hpp"
#include "drivers/protocol/dlms/axdr/length.hpp"

namespace jemhead::dlms::axdr {

namespace {

std::string hex_byte(std::uint8_t b) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("0x") + kHex[b >> 4] + kHex[b & 0xF];
}

// Smallest number of content bytes one untagged value of `d` can take, saturating, so a
// described array's element count can be checked against the bytes left before looping.
std::size_t min_untagged_size(const TypeDescription& d, int depth = 0) {
  if (depth > 64) return 0;
  if (const auto size = fixed_size(d.type)) return *size;
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
  if (d.type == DataType::array) {
    if (d.elements.empty()) return 0;
    const std::size_t each = min_untagged_size(d.elements.front(), depth + 1);
    if (each != 0 && d.array_count > kMax / each) return kMax;
    return each * d.array_count;
  }
  if (d.type == DataType::structure) {
    std::size_t total = 0;
    for (const auto& member : d.elements) {
      const std::size_t each = min_untagged_size(member, depth + 1);
      total = (kMax - total < each) ? kMax : total + each;
    }
    return total;
  }
  return 1;  // strings and bit-string carry at least a one-byte length
}

// One decode run. `end_` is the end of the bytes the current value may use: the whole
// input, or the contents of the compact-array being read.
class Decoder {
 public:
  Decoder(std::span<const std::uint8_t> bytes, const DecodeOptions& options)
      : bytes_(bytes), options_(options), end_(bytes.size()) {}

  std::size_t position() const { return pos_; }

  Data tagged(std::size_t depth) {
    const std::size_t at = pos_;
    need(1, "type tag");
    const std::uint8_t tag = bytes_[pos_++];
    const auto type = data_type_from_tag(tag);
    if (!type) fail(DecodeErrc::unknown_tag, at, "unknown type tag " + hex_byte(tag));
    count_element(at);
    return content(*type, depth, at);
  }

 private:
  [[noreturn]] void fail(DecodeErrc code, std::size_t offset, const std::string& what) const {
    throw DecodeError(code, options_.base_offset + offset, what);
  }

  std::size_t remaining() const { return end_ - pos_; }

  void need(std::size_t n, std::string_view what) const {
    if (remaining() < n)
      fail(DecodeErrc::truncated, pos_,
           std::string(what) + " needs " + std::to_string(n) + " bytes, " +
               std::to_string(remaining()) + " remain");
  }

  void count_element(std::size_t at) {
    if (++elements_ > options_.max_elements)
      fail(DecodeErrc::too_many_elements, at,
           "more than " + std::to_string(options_.max_elements) + " values");
  }

  void enter(std::size_t depth, std::size_t at, DataType type) const {
    if (depth >= options_.max_depth)
      fail(DecodeErrc::depth_exceeded, at,
           std::string(type_name(type)) + " nested deeper than " +
               std::to_string(options_.max_depth) + " levels");
  }

  // A length or count field. Each counted unit needs at least 1/`units_per_byte` bytes (1
  // for bytes and tagged elements, 8 for bits), so impossible counts fail before any
  // allocation.
  std::size_t length(std::string_view what, std::size_t units_per_byte) {
    const std::size_t at = pos_;
    const LengthField field = decode_length(bytes_.first(end_), pos_, options_.base_offset);
    if (options_.strict && !field.canonical)
      fail(DecodeErrc::non_canonical, at,
           std::string(what) + " length " + std::to_string(field.value) + " not in minimal form");
    pos_ += field.size;
    const std::size_t needed =
        field.value / units_per_byte + (field.value % units_per_byte != 0 ? 1 : 0);
    if (needed > remaining())
      fail(DecodeErrc::length_exceeds_remaining, pos_,
           std::string(what) + " length " + std::to_string(field.value) + " exceeds remaining " +
               std::to_string(remaining()) + " bytes");
    return field.value;
  }

  std::uint64_t big_endian(std::size_t n, std::string_view what) {
    need(n, what);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | bytes_[pos_ + i];
    pos_ += n;
    return v;
  }

  Bytes take(std::size_t n) {
    Bytes out(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_),
              bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + n));
    pos_ += n;
    return out;
  }

  std::vector<Data> elements(std::size_t count, std::size_t depth) {
    std::vector<Data> out;
    out.reserve(std::min<std::size_t>(count, 4096));
    for (std::size_t i = 0; i < count; ++i) out.push_back(tagged(depth + 1));
    return out;
  }

  // The value of `type` after its tag (or, in compact-array contents, with no tag).
  Data content(DataType type, std::size_t depth, std::size_t at) {
    const auto name = type_name(type);
    switch (type) {
      case DataType::null_data: return Data::make_null_data();
      case DataType::dont_care: return Data::make_dont_care();
      case DataType::boolean: {
        const auto b = static_cast<std::uint8_t>(big_endian(1, name));
        if (options_.strict && b > 1)
          fail(DecodeErrc::non_canonical, pos_ - 1, "boolean byte " + hex_byte(b));
        return Data::make_boolean(b != 0);
      }
      case DataType::bcd: return Data::make_bcd(static_cast<std::uint8_t>(big_endian(1, name)));
      case DataType::integer:
        return Data::make_integer(static_cast<std::int8_t>(big_endian(1, name)));
      case DataType::unsigned_:
        return Data::make_unsigned(static_cast<std::uint8_t>(big_endian(1, name)));
      case DataType::enum_: return Data::make_enum(static_cast<std::uint8_t>(big_endian(1, name)));
      case DataType::long_: return Data::make_long(static_cast<std::int16_t>(big_endian(2, name)));
      case DataType::long_unsigned:
        return Data::make_long_unsigned(static_cast<std::uint16_t>(big_endian(2, name)));
      case DataType::double_long:
        return Data::make_double_long(static_cast<std::int32_t>(big_endian(4, name)));
      case DataType::double_long_unsigned:
        return Data::make_double_long_unsigned(static_cast<std::uint32_t>(big_endian(4, name)));
      case DataType::long64:
        return Data::make_long64(static_cast<std::int64_t>(big_endian(8, name)));
      case DataType::long64_unsigned: return Data::make_long64_unsigned(big_endian(8, name));
      case DataType::float32:
        return Data::make_float32(
            std::bit_cast<float>(static_cast<std::uint32_t>(big_endian(4, name))));
      case DataType::float64: return Data::make_float64(std::bit_cast<double>(big_endian(8, name)));
      case DataType::date_time: need(12, name); return Data::make_date_time(take(12));
      case DataType::date: need(5, name); return Data::make_date(take(5));
      case DataType::time: need(4, name); return Data::make_time(take(4));
      case DataType::octet_string: return Data::make_octet_string(take(length(name, 1)));
      case DataType::visible_string: {
        const Bytes raw = take(length(name, 1));
        return Data::make_visible_string(std::string(raw.begin(), raw.end()));
      }
      case DataType::utf8_string: {
        const Bytes raw = take(length(name, 1));
        return Data::make_utf8_string(std::string(raw.begin(), raw.end()));
      }
      case DataType::bit_string: {
        const std::size_t bits = length(name, 8);
        return Data::make_bit_string(BitString{bits, take((bits + 7) / 8)});
      }
      case DataType::array:
      case DataType::structure: {
        enter(depth, at, type);
        const std::size_t count = length(name, 1);  // every element has a tag byte
        if (count > options_.max_elements - std::min(elements_, options_.max_elements))
          fail(DecodeErrc::too_many_elements, pos_,
               std::string(name) + " of " + std::to_string(count) + " elements exceeds the " +
                   std::to_string(options_.max_elements) + "-value limit");
        auto items = elements(count, depth);
        return type == DataType::array ? Data::make_array(std::move(items))
                                       : Data::make_structure(std::move(items));
      }
      case DataType::compact_array: return compact_array(depth, at);
    }
    fail(DecodeErrc::unknown_tag, at, "unhandled type");
  }

  TypeDescription description(std::size_t depth) {
    const std::size_t at = pos_;
    need(1, "type description");
    const std::uint8_t tag = bytes_[pos_++];
    const auto type = data_type_from_tag(tag);
    if (!type)
      fail(DecodeErrc::unknown_tag, at,
           "unknown type tag " + hex_byte(tag) + " in compact-array description");
    switch (*type) {
      case DataType::compact_array:
        fail(DecodeErrc::bad_compact_array, at, "compact-array inside a type description");
      case DataType::array: {
        enter(depth, at, *type);
        const auto count = static_cast<std::uint16_t>(big_endian(2, "array description count"));
        return TypeDescription::array_of(count, description(depth + 1));
      }
      case DataType::structure: {
        enter(depth, at, *type);
        const std::size_t count = length("structure description", 1);
        std::vector<TypeDescription> members;
        members.reserve(count);
        for (std::size_t i = 0; i < count; ++i) members.push_back(description(depth + 1));
        return TypeDescription::structure_of(std::move(members));
      }
      default: return TypeDescription::simple(*type);
    }
  }

  Data untagged(const TypeDescription& d, std::size_t depth) {
    const std::size_t at = pos_;
    if (d.type == DataType::array || d.type == DataType::structure) {
      enter(depth, at, d.type);
      const std::size_t need_bytes = min_untagged_size(d);
      if (need_bytes > remaining())
        fail(DecodeErrc::length_exceeds_remaining, at,
             "compact-array element " + std::string(type_name(d.type)) + " needs at least " +
                 std::to_string(need_bytes) + " bytes, " + std::to_string(remaining()) + " remain");
      const std::size_t count = d.type == DataType::array ? d.array_count : d.elements.size();
      std::vector<Data> items;
      items.reserve(std::min<std::size_t>(count, 4096));
      for (std::size_t i = 0; i < count; ++i) {
        count_element(pos_);
        items.push_back(
            untagged(d.type == DataType::array ? d.elements.front() : d.elements[i], depth + 1));
      }
      return d.type == DataType::array ? Data::make_array(std::move(items))
                                       : Data::make_structure(std::move(items));
    }
    return content(d.type, depth, at);
  }

  Data compact_array(std::size_t depth, std::size_t at) {
    enter(depth, at, DataType::compact_array);
    CompactArray out;
    out.element_type = description(depth + 1);
    const std::size_t size = length("compact-array contents", 1);
    const std::size_t saved_end = end_;
    end_ = pos_ + size;
    while (pos_ < end_) {
      const std::size_t element_at = pos_;
      count_element(element_at);
      out.elements.push_back(untagged(out.element_type, depth + 1));
      // Zero-size elements (null-data, empty structures) cannot fill non-empty contents.
      if (pos_ == element_at)
        fail(DecodeErrc::bad_compact_array, element_at,
             "compact-array of zero-size " + std::string(type_name(out.element_type.type)) +
                 " elements with " + std::to_string(end_ - pos_) + " content bytes");
    }
    end_ = saved_end;
    return Data::make_compact_array(std::move(out));
  }

  std::span<const std::uint8_t> bytes_;
  const DecodeOptions& options_;
  std::size_t end_;
  std::size_t pos_ = 0;
  std::size_t elements_ = 0;
};

}  // namespace

DecodeResult decode_prefix(std::span<const std::uint8_t> bytes, const DecodeOptions& options) {
  if (bytes.size() > options.max_input_bytes)
    throw DecodeError(DecodeErrc::input_too_large, options.base_offset,
                      "input of " + std::to_string(bytes.size()) + " bytes exceeds the limit of " +
                          std::to_string(options.max_input_bytes));
  Decoder decoder(bytes, options);
  Data value = decoder.tagged(0);
  return {std::move(value), decoder.position()};
}

Data decode(std::span<const std::uint8_t> bytes, const DecodeOptions& options) {
  DecodeResult result = decode_prefix(bytes, options);
  if (result.consumed != bytes.size())
    throw DecodeError(DecodeErrc::trailing_bytes, options.base_offset + result.consumed,
                      std::to_string(bytes.size() - result.consumed) + " bytes after the value");
  return std::move(result.value);
}

}  // namespace jemhead::dlms::axdr
