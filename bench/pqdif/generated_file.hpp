#pragma once
// A large PQDIF file for the parse benchmark, written by the logical writer: waveform
// captures and measurement-log observations like a JEMStar II's daily file, repeated to
// about `bytes` bytes.
#include <cstdint>
#include <vector>

namespace jemhead::bench {

std::vector<std::uint8_t> generate_pqdif_file(std::size_t bytes, bool compressed);

}  // namespace jemhead::bench
