#pragma once
// One COSEM `Data` value (IEC 62056-6-2): a type tag plus its content. Values are built
// with the make_* factories and read with as_* accessors named after the Blue Book types;
// an accessor for any other type throws TypeMismatch, so a meter that answers `long`
// where `integer` was expected fails loudly instead of being misread.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "drivers/protocol/dlms/axdr/data_type.hpp"

namespace jemhead::dlms::axdr {

using Bytes = std::vector<std::uint8_t>;

// bit-string: bit 0 is the most significant bit of the first byte. The bytes are kept as
// received, padding bits included, so a decoded value re-encodes to the same bytes.
struct BitString {
  std::size_t bit_count = 0;
  Bytes bytes;  // (bit_count + 7) / 8 bytes

  bool bit(std::size_t index) const;  // throws ShapeError past bit_count
  static BitString from_bits(const std::vector<bool>& bits);
  bool operator==(const BitString&) const = default;
};

// compact-array's contents-description (Blue Book TypeDescription). For an array the
// element count is part of the description and `elements` holds the one element type;
// for a structure `elements` holds the member types. Every other type has no children.
struct TypeDescription {
  DataType type = DataType::null_data;
  std::uint16_t array_count = 0;
  std::vector<TypeDescription> elements;

  static TypeDescription simple(DataType type) { return {type, 0, {}}; }
  static TypeDescription array_of(std::uint16_t count, TypeDescription element);
  static TypeDescription structure_of(std::vector<TypeDescription> members);
  bool operator==(const TypeDescription&) const = default;
};

class Data;

// compact-array: every element has the type `element_type` describes; on the wire the
// elements follow one another without tags. Decoded elements are ordinary Data values.
struct CompactArray {
  TypeDescription element_type;
  std::vector<Data> elements;
};
bool operator==(const CompactArray& a, const CompactArray& b);

class Data {
 public:
  Data();  // null-data

  static Data make_null_data();
  static Data make_dont_care();
  static Data make_array(std::vector<Data> elements);
  static Data make_structure(std::vector<Data> elements);
  static Data make_boolean(bool value);
  static Data make_bit_string(BitString value);
  static Data make_double_long(std::int32_t value);
  static Data make_double_long_unsigned(std::uint32_t value);
  static Data make_octet_string(Bytes value);
  static Data make_visible_string(std::string value);
  static Data make_utf8_string(std::string value);
  static Data make_bcd(std::uint8_t value);
  static Data make_integer(std::int8_t value);
  static Data make_long(std::int16_t value);
  static Data make_unsigned(std::uint8_t value);
  static Data make_long_unsigned(std::uint16_t value);
  static Data make_compact_array(CompactArray value);
  static Data make_long64(std::int64_t value);
  static Data make_long64_unsigned(std::uint64_t value);
  static Data make_enum(std::uint8_t value);
  static Data make_float32(float value);
  static Data make_float64(double value);
  // The fixed-size calendar types, raw (see date_time.hpp for the field-level API).
  // Throw EncodeError unless the span has 12, 5 or 4 bytes respectively.
  static Data make_date_time(std::span<const std::uint8_t> twelve_bytes);
  static Data make_date(std::span<const std::uint8_t> five_bytes);
  static Data make_time(std::span<const std::uint8_t> four_bytes);

  DataType type() const noexcept { return type_; }
  bool is(DataType t) const noexcept { return type_ == t; }
  bool is_null() const noexcept { return type_ == DataType::null_data; }

  bool as_boolean() const;
  const BitString& as_bit_string() const;
  std::int32_t as_double_long() const;
  std::uint32_t as_double_long_unsigned() const;
  const Bytes& as_octet_string() const;
  const std::string& as_visible_string() const;
  const std::string& as_utf8_string() const;
  std::uint8_t as_bcd() const;
  std::int8_t as_integer() const;
  std::int16_t as_long() const;
  std::uint8_t as_unsigned() const;
  std::uint16_t as_long_unsigned() const;
  std::int64_t as_long64() const;
  std::uint64_t as_long64_unsigned() const;
  std::uint8_t as_enum() const;
  float as_float32() const;
  double as_float64() const;
  const std::vector<Data>& as_array() const;
  const std::vector<Data>& as_structure() const;
  const CompactArray& as_compact_array() const;
  const Bytes& as_date_time() const;  // the 12 raw bytes
  const Bytes& as_date() const;       // 5 raw bytes
  const Bytes& as_time() const;       // 4 raw bytes

  // Lenient numeric reads for values whose type the meter chooses (a register's value may
  // be any integer or float type). to_int64 accepts every integer type and throws
  // ShapeError for a long64-unsigned above INT64_MAX; to_double also accepts floats.
  // Anything else is a TypeMismatch (reported against long64).
  bool is_integer() const noexcept;
  bool is_number() const noexcept;
  std::int64_t to_int64() const;
  double to_double() const;

  friend bool operator==(const Data& a, const Data& b);

 private:
  using Storage = std::variant<std::monostate, bool, std::int64_t, std::uint64_t, float, double,
                               Bytes, std::string, BitString, std::vector<Data>, CompactArray>;
  Data(DataType type, Storage value);
  void require(DataType expected) const;

  DataType type_;
  Storage value_;
};

// A one-line rendering for logs and test failures: structure{integer -3, enum 30}.
// Long strings and arrays are shortened.
std::string to_text(const Data& value);

}  // namespace jemhead::dlms::axdr
