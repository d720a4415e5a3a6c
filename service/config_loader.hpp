#pragma once
// Loads the daemon configuration from YAML, strictly: unknown keys, wrong types, bad enum
// values and out-of-range numbers are all reported (file, line, key path), not just the
// first, and a file with any error yields no configuration.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "service/config.hpp"
#include "service/config_error.hpp"

namespace jemhead::service {

// A configuration file is small; anything larger is a mistake or an attack.
inline constexpr std::size_t kMaxConfigBytes = 4 * 1024 * 1024;

struct LoadResult {
  Config config;  // meaningful only when ok()
  std::vector<ConfigError> errors;
  bool ok() const { return errors.empty(); }
};

LoadResult load_config_file(const std::filesystem::path& path);
// `file_name` is what errors name as the file.
LoadResult load_config_text(std::string_view yaml, const std::string& file_name);

}  // namespace jemhead::service
