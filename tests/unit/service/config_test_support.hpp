#pragma once
// Helpers shared by the configuration tests.
#include <string>

#include "service/config_loader.hpp"

namespace jemhead::service::testing {

inline LoadResult load(const std::string& yaml) {
  return load_config_text(yaml, "t.yaml");
}

// Every error as "file:line: key: message", one per line, for exact comparisons.
inline std::string error_lines(const LoadResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += e.to_string() + "\n";
  return out;
}

}  // namespace jemhead::service::testing
