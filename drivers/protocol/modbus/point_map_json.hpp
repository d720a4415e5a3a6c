#pragma once
// Point maps as JSON documents (the form stored with a meter and shipped as templates in
// config/modbus/). Loading treats the text as hostile: bounded size and depth, no
// exceptions, and every problem reported with the field it concerns — unknown keys
// included, so a misspelt "scale_facter" is caught instead of silently defaulted.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/validation.hpp"
#include "drivers/protocol/modbus/point_map.hpp"

namespace jemhead::modbus {

inline constexpr std::string_view kPointMapFormat = "jemhead.modbus.point_map/1";
inline constexpr std::size_t kMaxPointMapBytes = 1 << 20;

struct PointMapLoad {
  PointMap map;         // meaningful only when problems.ok()
  Validation problems;  // structural and semantic, each naming its field
  bool ok() const { return problems.ok(); }
};

PointMapLoad parse_point_map(std::string_view json_text);
PointMapLoad load_point_map_file(const std::filesystem::path& path);

// The inverse of parse_point_map (compact JSON; optional fields omitted when empty).
std::string point_map_to_json(const PointMap& map);

}  // namespace jemhead::modbus
