#pragma once
// The ready file tells whoever started jemsim where its control endpoint is, once it
// listens. Written atomically (temporary file + rename) so a reader never sees half.
#include <string>

namespace jemhead::sim {

// {"pid":...,"control":"http://127.0.0.1:PORT","meters":N}
std::string ready_json(long pid, const std::string& control_url, std::size_t meters);
// Throws std::runtime_error naming the path on failure.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace jemhead::sim
