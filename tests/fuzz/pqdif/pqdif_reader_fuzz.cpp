// The PQDIF record reader under hostile bytes: the input is a whole file, read record by
// record until the end or a PqdifError. Invariants: no crash, no hang, no runaway memory
// (tight ReadLimits), and every body that decodes re-encodes (encode_body) to bytes that
// decode to the same tree -- the writer can store anything the reader accepts.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "core/pqdif/body_codec.hpp"
#include "core/pqdif/pqdif_error.hpp"
#include "core/pqdif/record_reader.hpp"

using namespace jemhead::pqdif;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ReadLimits limits;
  limits.max_record_body = 1u << 20;
  limits.max_inflated_body = 4u << 20;
  limits.max_records = 10'000;
  limits.max_body_elements = 20'000;
  limits.max_value_bytes = 8u << 20;

  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size), std::ios::binary);
  RecordReader reader(in, limits);
  try {
    while (auto record = reader.next()) {
      if (record->body.type != ElementType::collection) std::abort();
      Element body = record->body;
      body.tag = Guid{};
      const auto bytes = encode_body(body);
      if (decode_body(bytes, limits) != body) std::abort();
    }
  } catch (const PqdifError&) {
  }
  // Once finished (end or error) the reader stays finished.
  try {
    if (reader.next().has_value()) std::abort();
  } catch (const PqdifError&) {
    std::abort();
  }
  // The raw input as a single body, too.
  try {
    (void)decode_body(std::span<const std::uint8_t>(data, size), limits);
  } catch (const PqdifError&) {
  }
  return 0;
}
