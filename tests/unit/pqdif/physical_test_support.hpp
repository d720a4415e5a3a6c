#pragma once
// Shared helpers for the PQDIF physical-layer tests: build files with RecordWriter into
// memory, read them back with RecordReader, and poke bytes of the result.
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "core/pqdif/element.hpp"
#include "core/pqdif/record_reader.hpp"
#include "core/pqdif/record_tags.hpp"
#include "core/pqdif/record_writer.hpp"

namespace jemhead::pqdif::test {

inline Guid tag_n(std::uint32_t n) {
  return Guid::of(0x11110000 + n, 0x2222, 0x3333, {1, 2, 3, 4, 5, 6, 7, 8});
}

// The container a writer with `style` accepts: file name plus the compression pair.
inline Element container_body(CompressionStyle style, const std::string& file_name = "t.pqd") {
  std::vector<Element> children;
  children.push_back(Element::vector(tag_n(100), Values::of_text(file_name)));
  if (style == CompressionStyle::record_level) {
    children.push_back(Element::scalar(kTagCompressionStyleID, Values::of_scalar_unsigned4(2)));
    children.push_back(Element::scalar(kTagCompressionAlgorithmID, Values::of_scalar_unsigned4(1)));
  }
  return Element::collection(kTagContainer, std::move(children));
}

struct RecordSpec {
  Guid tag;
  Element body;
};

inline std::string write_file(const std::vector<RecordSpec>& records, WriteOptions options = {}) {
  std::ostringstream out(std::ios::binary);
  RecordWriter writer(out, options);
  for (const auto& r : records) writer.write(r.tag, r.body);
  writer.finish();
  return out.str();
}

inline std::vector<Record> read_file(const std::string& bytes, ReadLimits limits = {}) {
  std::istringstream in(bytes, std::ios::binary);
  RecordReader reader(in, limits);
  std::vector<Record> out;
  while (auto r = reader.next()) out.push_back(std::move(*r));
  return out;
}

inline std::uint32_t u32_at(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  std::memcpy(&v, bytes.data() + at, 4);
  return v;
}

inline void put_u32(std::string& bytes, std::size_t at, std::uint32_t v) {
  std::memcpy(bytes.data() + at, &v, 4);
}

inline void put_u32(std::vector<std::uint8_t>& bytes, std::size_t at, std::uint32_t v) {
  std::memcpy(bytes.data() + at, &v, 4);
}

// Every element below `e` (not counting `e`).
inline std::size_t count_elements(const Element& e) {
  std::size_t n = e.children.size();
  for (const auto& c : e.children) n += count_elements(c);
  return n;
}

}  // namespace jemhead::pqdif::test
