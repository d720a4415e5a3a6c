#include "drivers/protocol/dlms/axdr/data.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "drivers/protocol/dlms/axdr/errors.hpp"

namespace jemhead::dlms::axdr {

bool BitString::bit(std::size_t index) const {
  if (index >= bit_count)
    throw ShapeError("bit " + std::to_string(index) + " of a " + std::to_string(bit_count) +
                     "-bit bit-string");
  return (bytes[index / 8] >> (7 - index % 8)) & 1u;
}

BitString BitString::from_bits(const std::vector<bool>& bits) {
  BitString out{bits.size(), Bytes((bits.size() + 7) / 8, 0)};
  for (std::size_t i = 0; i < bits.size(); ++i)
    if (bits[i]) out.bytes[i / 8] |= static_cast<std::uint8_t>(0x80u >> (i % 8));
  return out;
}

TypeDescription TypeDescription::array_of(std::uint16_t count, TypeDescription element) {
  TypeDescription out{DataType::array, count, {}};
  out.elements.push_back(std::move(element));
  return out;
}

TypeDescription TypeDescription::structure_of(std::vector<TypeDescription> members) {
  return {DataType::structure, 0, std::move(members)};
}

bool operator==(const CompactArray& a, const CompactArray& b) {
  return a.element_type == b.element_type && a.elements == b.elements;
}

bool operator==(const Data& a, const Data& b) {
  return a.type_ == b.type_ && a.value_ == b.value_;
}

Data::Data() : type_(DataType::null_data), value_(std::monostate{}) {}
Data::Data(DataType type, Storage value) : type_(type), value_(std::move(value)) {}

Data Data::make_null_data() {
  return {};
}
Data Data::make_dont_care() {
  return {DataType::dont_care, std::monostate{}};
}
Data Data::make_array(std::vector<Data> elements) {
  return {DataType::array, std::move(elements)};
}
Data Data::make_structure(std::vector<Data> elements) {
  return {DataType::structure, std::move(elements)};
}
Data Data::make_boolean(bool value) {
  return {DataType::boolean, value};
}
Data Data::make_bit_string(BitString value) {
  if (value.bytes.size() != (value.bit_count + 7) / 8)
    throw EncodeError("bit-string of " + std::to_string(value.bit_count) + " bits needs " +
                      std::to_string((value.bit_count + 7) / 8) + " bytes, has " +
                      std::to_string(value.bytes.size()));
  return {DataType::bit_string, std::move(value)};
}
Data Data::make_double_long(std::int32_t v) {
  return {DataType::double_long, std::int64_t{v}};
}
Data Data::make_double_long_unsigned(std::uint32_t v) {
  return {DataType::double_long_unsigned, std::uint64_t{v}};
}
Data Data::make_octet_string(Bytes v) {
  return {DataType::octet_string, std::move(v)};
}
Data Data::make_visible_string(std::string v) {
  return {DataType::visible_string, std::move(v)};
}
Data Data::make_utf8_string(std::string v) {
  return {DataType::utf8_string, std::move(v)};
}
Data Data::make_bcd(std::uint8_t v) {
  return {DataType::bcd, std::uint64_t{v}};
}
Data Data::make_integer(std::int8_t v) {
  return {DataType::integer, std::int64_t{v}};
}
Data Data::make_long(std::int16_t v) {
  return {DataType::long_, std::int64_t{v}};
}
Data Data::make_unsigned(std::uint8_t v) {
  return {DataType::unsigned_, std::uint64_t{v}};
}
Data Data::make_long_unsigned(std::uint16_t v) {
  return {DataType::long_unsigned, std::uint64_t{v}};
}
Data Data::make_compact_array(CompactArray v) {
  return {DataType::compact_array, std::move(v)};
}
Data Data::make_long64(std::int64_t v) {
  return {DataType::long64, v};
}
Data Data::make_long64_unsigned(std::uint64_t v) {
  return {DataType::long64_unsigned, v};
}
Data Data::make_enum(std::uint8_t v) {
  return {DataType::enum_, std::uint64_t{v}};
}
Data Data::make_float32(float v) {
  return {DataType::float32, v};
}
Data Data::make_float64(double v) {
  return {DataType::float64, v};
}

namespace {
Bytes fixed_bytes(std::span<const std::uint8_t> bytes, std::size_t size, DataType type) {
  if (bytes.size() != size)
    throw EncodeError(std::string(type_name(type)) + " needs " + std::to_string(size) +
                      " bytes, got " + std::to_string(bytes.size()));
  return Bytes(bytes.begin(), bytes.end());
}
}  // namespace

Data Data::make_date_time(std::span<const std::uint8_t> b) {
  return {DataType::date_time, fixed_bytes(b, 12, DataType::date_time)};
}
Data Data::make_date(std::span<const std::uint8_t> b) {
  return {DataType::date, fixed_bytes(b, 5, DataType::date)};
}
Data Data::make_time(std::span<const std::uint8_t> b) {
  return {DataType::time, fixed_bytes(b, 4, DataType::time)};
}

void Data::require(DataType expected) const {
  if (type_ != expected) throw TypeMismatch(expected, type_);
}

// Each accessor checks the tag; the storage alternative then follows from the factory.
bool Data::as_boolean() const {
  require(DataType::boolean);
  return std::get<bool>(value_);
}
const BitString& Data::as_bit_string() const {
  require(DataType::bit_string);
  return std::get<BitString>(value_);
}
std::int32_t Data::as_double_long() const {
  require(DataType::double_long);
  return static_cast<std::int32_t>(std::get<std::int64_t>(value_));
}
std::uint32_t Data::as_double_long_unsigned() const {
  require(DataType::double_long_unsigned);
  return static_cast<std::uint32_t>(std::get<std::uint64_t>(value_));
}
const Bytes& Data::as_octet_string() const {
  require(DataType::octet_string);
  return std::get<Bytes>(value_);
}
const std::string& Data::as_visible_string() const {
  require(DataType::visible_string);
  return std::get<std::string>(value_);
}
const std::string& Data::as_utf8_string() const {
  require(DataType::utf8_string);
  return std::get<std::string>(value_);
}
std::uint8_t Data::as_bcd() const {
  require(DataType::bcd);
  return static_cast<std::uint8_t>(std::get<std::uint64_t>(value_));
}
std::int8_t Data::as_integer() const {
  require(DataType::integer);
  return static_cast<std::int8_t>(std::get<std::int64_t>(value_));
}
std::int16_t Data::as_long() const {
  require(DataType::long_);
  return static_cast<std::int16_t>(std::get<std::int64_t>(value_));
}
std::uint8_t Data::as_unsigned() const {
  require(DataType::unsigned_);
  return static_cast<std::uint8_t>(std::get<std::uint64_t>(value_));
}
std::uint16_t Data::as_long_unsigned() const {
  require(DataType::long_unsigned);
  return static_cast<std::uint16_t>(std::get<std::uint64_t>(value_));
}
std::int64_t Data::as_long64() const {
  require(DataType::long64);
  return std::get<std::int64_t>(value_);
}
std::uint64_t Data::as_long64_unsigned() const {
  require(DataType::long64_unsigned);
  return std::get<std::uint64_t>(value_);
}
std::uint8_t Data::as_enum() const {
  require(DataType::enum_);
  return static_cast<std::uint8_t>(std::get<std::uint64_t>(value_));
}
float Data::as_float32() const {
  require(DataType::float32);
  return std::get<float>(value_);
}
double Data::as_float64() const {
  require(DataType::float64);
  return std::get<double>(value_);
}
const std::vector<Data>& Data::as_array() const {
  require(DataType::array);
  return std::get<std::vector<Data>>(value_);
}
const std::vector<Data>& Data::as_structure() const {
  require(DataType::structure);
  return std::get<std::vector<Data>>(value_);
}
const CompactArray& Data::as_compact_array() const {
  require(DataType::compact_array);
  return std::get<CompactArray>(value_);
}
const Bytes& Data::as_date_time() const {
  require(DataType::date_time);
  return std::get<Bytes>(value_);
}
const Bytes& Data::as_date() const {
  require(DataType::date);
  return std::get<Bytes>(value_);
}
const Bytes& Data::as_time() const {
  require(DataType::time);
  return std::get<Bytes>(value_);
}

bool Data::is_integer() const noexcept {
  return std::holds_alternative<std::int64_t>(value_) ||
         (std::holds_alternative<std::uint64_t>(value_) && type_ != DataType::bcd);
}

bool Data::is_number() const noexcept {
  return is_integer() || type_ == DataType::float32 || type_ == DataType::float64;
}

std::int64_t Data::to_int64() const {
  if (!is_integer()) throw TypeMismatch(DataType::long64, type_, "integer value");
  if (const auto* s = std::get_if<std::int64_t>(&value_)) return *s;
  const auto u = std::get<std::uint64_t>(value_);
  if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    throw ShapeError("long64-unsigned " + std::to_string(u) + " exceeds int64");
  return static_cast<std::int64_t>(u);
}

double Data::to_double() const {
  if (type_ == DataType::float32) return std::get<float>(value_);
  if (type_ == DataType::float64) return std::get<double>(value_);
  if (!is_integer()) throw TypeMismatch(DataType::float64, type_, "numeric value");
  if (const auto* s = std::get_if<std::int64_t>(&value_)) return static_cast<double>(*s);
  return static_cast<double>(std::get<std::uint64_t>(value_));
}

namespace {

void hex_into(std::ostringstream& out, const Bytes& bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const std::size_t shown = bytes.size() > 32 ? 32 : bytes.size();
  for (std::size_t i = 0; i < shown; ++i) out << kHex[bytes[i] >> 4] << kHex[bytes[i] & 0xF];
  if (shown < bytes.size()) out << "...(" << bytes.size() << " bytes)";
}

void text_into(std::ostringstream& out, const Data& v, int depth);

void list_into(std::ostringstream& out, const std::vector<Data>& items, int depth) {
  out << '{';
  const std::size_t shown = items.size() > 8 ? 8 : items.size();
  for (std::size_t i = 0; i < shown; ++i) {
    if (i) out << ", ";
    text_into(out, items[i], depth + 1);
  }
  if (shown < items.size()) out << ", ...(" << items.size() << " elements)";
  out << '}';
}

void text_into(std::ostringstream& out, const Data& v, int depth) {
  out << type_name(v.type());
  if (depth > 16) {
    out << "{...}";
    return;
  }
  switch (v.type()) {
    case DataType::null_data:
    case DataType::dont_care: return;
    case DataType::array: list_into(out, v.as_array(), depth); return;
    case DataType::structure: list_into(out, v.as_structure(), depth); return;
    case DataType::compact_array:
      out << '[' << type_name(v.as_compact_array().element_type.type) << ']';
      list_into(out, v.as_compact_array().elements, depth);
      return;
    case DataType::boolean: out << (v.as_boolean() ? " true" : " false"); return;
    case DataType::bit_string: {
      const auto& bits = v.as_bit_string();
      out << ' ';
      for (std::size_t i = 0; i < bits.bit_count && i < 64; ++i) out << (bits.bit(i) ? '1' : '0');
      if (bits.bit_count > 64) out << "...(" << bits.bit_count << " bits)";
      return;
    }
    case DataType::octet_string:
      out << ' ';
      hex_into(out, v.as_octet_string());
      return;
    case DataType::date_time:
      out << ' ';
      hex_into(out, v.as_date_time());
      return;
    case DataType::date:
      out << ' ';
      hex_into(out, v.as_date());
      return;
    case DataType::time:
      out << ' ';
      hex_into(out, v.as_time());
      return;
    case DataType::visible_string: out << " \"" << v.as_visible_string() << '"'; return;
    case DataType::utf8_string: out << " \"" << v.as_utf8_string() << '"'; return;
    case DataType::bcd: out << " 0x" << std::hex << int{v.as_bcd()} << std::dec; return;
    case DataType::float32: out << ' ' << v.as_float32(); return;
    case DataType::float64: out << ' ' << v.as_float64(); return;
    case DataType::long64_unsigned: out << ' ' << v.as_long64_unsigned(); return;
    default: out << ' ' << v.to_int64(); return;
  }
}

}  // namespace

std::string to_text(const Data& value) {
  std::ostringstream out;
  out.precision(9);
  text_into(out, value, 0);
  return out.str();
}

}  // namespace jemhead::dlms::axdr
