#pragma once
// Reads the `pqdif` section: the drop directories meters push PQDIF files into (SCP or
// FTP), each checked to exist now (the daemon must not find out at the first upload).
#include "service/config.hpp"
#include "service/yaml_map.hpp"

namespace jemhead::service {

inline constexpr std::size_t kMaxPqdifDropDirectories = 64;

// `pqdif` is the node under the top-level key (may be undefined); `place` is its place.
void read_pqdif(const YAML::Node& pqdif, const NodePlace& place, ConfigErrors& errors,
                PqdifConfig& out);

}  // namespace jemhead::service
