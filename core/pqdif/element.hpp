#pragma once
// The physical layer's tree: a record body is a collection of elements, each a collection,
// a scalar or a vector, named by a tag GUID. Scalar and vector values stay in the bytes
// the file stores (little-endian) with their physical type, so a vector of 100,000 real4
// costs 400 KB and one allocation; typed accessors convert on demand.
//
// Both the reader (record_reader.hpp) and the writer (record_writer.hpp) use this tree,
// and the logical layer (model.hpp) is built from it and into it.
#include <complex>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/pqdif/guid.hpp"
#include "core/pqdif/physical_type.hpp"
#include "core/pqdif/timestamp.hpp"

namespace jemhead::pqdif {

// `count` values of `type`, little-endian. A scalar has count 1.
struct Values {
  PhysicalType type = PhysicalType::unsigned4;
  std::uint32_t count = 0;
  std::vector<std::uint8_t> bytes;  // count * size_of(type)

  // Value i as a number: booleans and integers exactly, reals as stored, a complex value's
  // real part. Throws PqdifError for timestamps, GUIDs and text, and when i >= count.
  double real(std::size_t i = 0) const;
  // Value i as an integer (booleans, integers; reals when they hold an integer). Throws
  // PqdifError otherwise.
  std::int64_t integer(std::size_t i = 0) const;
  std::complex<double> complex(std::size_t i = 0) const;
  Timestamp timestamp(std::size_t i = 0) const;
  Guid guid(std::size_t i = 0) const;
  // char1 (ASCII/Latin-1) or char2 (UTF-16LE) text as UTF-8, up to the first NUL.
  std::string text() const;
  // Every value as a double (see real()), times `scale` plus `offset` (a scaled series).
  std::vector<double> reals(double scale = 1.0, double offset = 0.0) const;

  // Builders for writers and tests.
  static Values of_real8(std::span<const double> v);
  static Values of_real4(std::span<const float> v);
  static Values of_integer4(std::span<const std::int32_t> v);
  static Values of_unsigned4(std::span<const std::uint32_t> v);
  static Values of_integer2(std::span<const std::int16_t> v);
  static Values of_text(std::string_view ascii);  // char1 with a terminating NUL
  static Values of_guid(const Guid& g);
  static Values of_timestamp(const Timestamp& t);
  static Values of_scalar_unsigned4(std::uint32_t v);
  static Values of_scalar_real8(double v);
  static Values of_scalar_boolean4(bool v);

  friend bool operator==(const Values&, const Values&) = default;
};

struct Element {
  Guid tag;
  ElementType type = ElementType::collection;
  Values values;                  // scalar and vector
  std::vector<Element> children;  // collection

  // The first child with `tag`, or nullptr.
  const Element* find(const Guid& child_tag) const;
  // Every child with `tag`, in file order.
  std::vector<const Element*> find_all(const Guid& child_tag) const;

  static Element collection(const Guid& tag, std::vector<Element> children = {});
  static Element scalar(const Guid& tag, Values value);
  static Element vector(const Guid& tag, Values values);

  friend bool operator==(const Element&, const Element&) = default;
};

}  // namespace jemhead::pqdif
