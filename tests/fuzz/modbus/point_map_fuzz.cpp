// The point-map JSON loader under hostile text. A document that loads must validate,
// save, and load again to the same map.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "drivers/protocol/modbus/map_reads.hpp"
#include "drivers/protocol/modbus/point_map_json.hpp"

using namespace jemhead::modbus;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto loaded = parse_point_map(text);
  if (!loaded.ok()) return 0;
  if (!validate(loaded.map).ok()) std::abort();
  const auto again = parse_point_map(point_map_to_json(loaded.map));
  if (!again.ok() || !(again.map == loaded.map)) std::abort();
  // A valid map must always be plannable with the default limits.
  (void)plan_map_reads(loaded.map, RequestLimits{});
  return 0;
}
