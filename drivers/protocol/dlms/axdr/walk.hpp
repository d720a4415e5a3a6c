#pragma once
// Reading structures and arrays of a known shape without boilerplate, with errors that
// say where: "capture_object element 2: expected integer, got long".
//
//   auto [scaler, unit] = unpack<DataType::integer, DataType::enum_>(value, "scaler_unit");
//   for (auto& [cls, ln, attr, data_index] :
//        unpack_each<DataType::long_unsigned, DataType::octet_string, DataType::integer,
//                    DataType::long_unsigned>(objects, "capture_object")) { ... }
//
// Strings come back as copies, containers (array, structure, compact-array) as
// `const Data&` into the value passed in, which must outlive the result.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/axdr/errors.hpp"

namespace jemhead::dlms::axdr {

// The C++ type each tag reads as, and how.
template <DataType T>
struct ValueOf;
#define JEMHEAD_AXDR_VALUE_OF(TAG, TYPE, EXPR)          \
  template <>                                           \
  struct ValueOf<DataType::TAG> {                       \
    using type = TYPE;                                  \
    static type get(const Data& d) { return d.EXPR(); } \
  }
JEMHEAD_AXDR_VALUE_OF(boolean, bool, as_boolean);
JEMHEAD_AXDR_VALUE_OF(bit_string, BitString, as_bit_string);
JEMHEAD_AXDR_VALUE_OF(double_long, std::int32_t, as_double_long);
JEMHEAD_AXDR_VALUE_OF(double_long_unsigned, std::uint32_t, as_double_long_unsigned);
JEMHEAD_AXDR_VALUE_OF(octet_string, Bytes, as_octet_string);
JEMHEAD_AXDR_VALUE_OF(visible_string, std::string, as_visible_string);
JEMHEAD_AXDR_VALUE_OF(utf8_string, std::string, as_utf8_string);
JEMHEAD_AXDR_VALUE_OF(bcd, std::uint8_t, as_bcd);
JEMHEAD_AXDR_VALUE_OF(integer, std::int8_t, as_integer);
JEMHEAD_AXDR_VALUE_OF(long_, std::int16_t, as_long);
JEMHEAD_AXDR_VALUE_OF(unsigned_, std::uint8_t, as_unsigned);
JEMHEAD_AXDR_VALUE_OF(long_unsigned, std::uint16_t, as_long_unsigned);
JEMHEAD_AXDR_VALUE_OF(long64, std::int64_t, as_long64);
JEMHEAD_AXDR_VALUE_OF(long64_unsigned, std::uint64_t, as_long64_unsigned);
JEMHEAD_AXDR_VALUE_OF(enum_, std::uint8_t, as_enum);
JEMHEAD_AXDR_VALUE_OF(float32, float, as_float32);
JEMHEAD_AXDR_VALUE_OF(float64, double, as_float64);
JEMHEAD_AXDR_VALUE_OF(date_time, Bytes, as_date_time);
JEMHEAD_AXDR_VALUE_OF(date, Bytes, as_date);
JEMHEAD_AXDR_VALUE_OF(time, Bytes, as_time);
#undef JEMHEAD_AXDR_VALUE_OF
#define JEMHEAD_AXDR_VALUE_OF_SELF(TAG)                 \
  template <>                                           \
  struct ValueOf<DataType::TAG> {                       \
    using type = const Data&;                           \
    static const Data& get(const Data& d) { return d; } \
  }
JEMHEAD_AXDR_VALUE_OF_SELF(array);
JEMHEAD_AXDR_VALUE_OF_SELF(structure);
JEMHEAD_AXDR_VALUE_OF_SELF(compact_array);
JEMHEAD_AXDR_VALUE_OF_SELF(null_data);
JEMHEAD_AXDR_VALUE_OF_SELF(dont_care);
#undef JEMHEAD_AXDR_VALUE_OF_SELF

// `value` as tag T, or TypeMismatch with `context` in the message.
template <DataType T>
typename ValueOf<T>::type get(const Data& value, std::string_view context = {}) {
  if (!value.is(T)) throw TypeMismatch(T, value.type(), std::string(context));
  return ValueOf<T>::get(value);
}

// The elements of a structure (or array) with an optional exact count; TypeMismatch or
// ShapeError ("scaler_unit has 3 elements, expected 2") otherwise.
const std::vector<Data>& elements_of(const Data& value, DataType container, std::string_view name,
                                     std::optional<std::size_t> expected_count = std::nullopt);

// Reads a structure element by element, for shapes unpack<> cannot express (a CHOICE of
// types, optional trailing members).
class StructureReader {
 public:
  StructureReader(const Data& structure, std::string_view name,
                  std::optional<std::size_t> expected_count = std::nullopt);

  std::size_t size() const { return elements_->size(); }
  std::size_t position() const { return next_; }
  bool at_end() const { return next_ == elements_->size(); }

  const Data& next();  // ShapeError past the end
  template <DataType T>
  typename ValueOf<T>::type next_as() {
    const std::size_t index = next_;
    return get<T>(next(), element_context(index));
  }
  void expect_end() const;  // ShapeError if elements are left

 private:
  std::string element_context(std::size_t index) const;
  const std::vector<Data>* elements_;
  std::string name_;
  std::size_t next_ = 0;
};

// "capture_object element 2" (a structure member) and "capture_objects[5]" (an array entry).
std::string element_context(std::string_view name, std::size_t index);
std::string entry_context(std::string_view name, std::size_t index);

namespace detail {
template <DataType... Ts, std::size_t... Is>
auto unpack_elements(const std::vector<Data>& elements, std::string_view name,
                     std::index_sequence<Is...>) {
  return std::tuple<typename ValueOf<Ts>::type...>(
      get<Ts>(elements[Is], element_context(name, Is))...);
}
}  // namespace detail

// A structure of exactly sizeof...(Ts) elements of those types, as a tuple.
template <DataType... Ts>
auto unpack(const Data& structure, std::string_view name) {
  const auto& elements = elements_of(structure, DataType::structure, name, sizeof...(Ts));
  return detail::unpack_elements<Ts...>(elements, name, std::make_index_sequence<sizeof...(Ts)>{});
}

// An array of such structures, one tuple per element.
template <DataType... Ts>
auto unpack_each(const Data& array, std::string_view name) {
  const auto& entries = elements_of(array, DataType::array, name);
  std::vector<decltype(unpack<Ts...>(array, name))> out;
  out.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i)
    out.push_back(unpack<Ts...>(entries[i], entry_context(name, i)));
  return out;
}

// An array whose elements all have type T (the Km array of float32, say).
template <DataType T>
auto array_of(const Data& array, std::string_view name) {
  const auto& entries = elements_of(array, DataType::array, name);
  std::vector<std::decay_t<typename ValueOf<T>::type>> out;
  out.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i)
    out.push_back(get<T>(entries[i], entry_context(name, i)));
  return out;
}

}  // namespace jemhead::dlms::axdr
