#pragma once
// The parse benchmark's baseline: what any PQDIF reader must at least do with a file
// already in memory — follow the record headers' links and inflate each compressed body
// with zlib — and nothing else (no element tree, no values, no checks).
#include <cstdint>
#include <span>

namespace jemhead::bench {

struct InflateTotals {
  std::size_t records = 0;
  std::size_t body_bytes = 0;  // after inflating
};

// Records after the first are inflated when `compressed` (record-level compression).
InflateTotals inflate_records(std::span<const std::uint8_t> file, bool compressed);

}  // namespace jemhead::bench
