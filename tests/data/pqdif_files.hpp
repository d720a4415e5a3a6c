#pragma once
// Where the tests (and benchmarks) find PQDIF files written by other people's software:
// the ones kept in the repository (tests/data/pqdif/) and the shared sample set next to the
// project, when it is there (JEMHEAD_PQDIF_SAMPLES, see tests/data/pqdif/README.md).
#include <filesystem>
#include <optional>
#include <string>

namespace jemhead::testing {

// tests/data/pqdif/<name>.
inline std::string pqdif_test_file(const std::string& name) {
  return std::string(JEMHEAD_SOURCE_DIR) + "/tests/data/pqdif/" + name;
}

// <JEMHEAD_PQDIF_SAMPLES>/<name>, or nullopt when the shared sample set is not present.
inline std::optional<std::string> pqdif_shared_sample(const std::string& name) {
  const std::string path = std::string(JEMHEAD_PQDIF_SAMPLES) + "/" + name;
  if (!std::filesystem::exists(path)) return std::nullopt;
  return path;
}

}  // namespace jemhead::testing
