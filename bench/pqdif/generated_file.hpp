#pragma once
// A large PQDIF file for the parse benchmark, written by the logical writer: waveform
// captures and measurement-log observations like a JEMStar II's daily file, repeated to
// about `bytes` bytes.
#include <cstdint>
#include <string>
#include <vector>

namespace jemhead::bench {

// `file_name` goes into the container record, so files generated with different names have
// different contents (the alarm benchmark needs each upload to be a new file).
std::vector<std::uint8_t> generate_pqdif_file(
    std::size_t bytes, bool compressed,
    const std::string& file_name = "142300003_1454408745_133724_128.pqd");

}  // namespace jemhead::bench
