#include "bench/modbus/bench_map.hpp"

#include <array>
#include <fstream>
#include <stdexcept>

#include "drivers/protocol/modbus/point_map_json.hpp"

namespace jemhead::bench {

namespace {

// Display register IDs the simulator defines (sim/modbus/counter_source.hpp): 0-16
// polyphase, 20-49 phases A-C. Counters cycle through them, Normal then Alternate, so the
// slave copies a different register into most counters.
std::uint16_t display_register_for(std::size_t index) {
  constexpr std::size_t kPolyphase = 17, kPerSet = 17 + 30;
  const std::size_t within = index % kPerSet;
  return static_cast<std::uint16_t>(within < kPolyphase ? within : 20 + (within - kPolyphase));
}

}  // namespace

modbus::PointMap full_size_point_map() {
  using namespace modbus;
  PointMap map;
  map.name = "bench: 300 counters + 200 analogs";
  for (std::uint16_t n = 1; n <= map_limit::counters; ++n) {
    CounterPoint p;
    p.point = n;
    p.name = "Counter " + std::to_string(n);
    p.register_set = ((n - 1) / 47) % 2 == 0 ? RegisterSet::normal : RegisterSet::alternate;
    p.register_id = static_cast<std::uint16_t>(
        display_register_for(n - 1) + (p.register_set == RegisterSet::alternate ? 100 : 0));
    p.unit = "Wh";
    p.scale_factor = 0.001;
    map.counters.points.push_back(p);
  }
  // Quantities whose range is in the manual's table, so no point needs a full_scale.
  constexpr std::array kQuantities{AnalogQuantity::volts, AnalogQuantity::amps,
                                   AnalogQuantity::watts, AnalogQuantity::vars,
                                   AnalogQuantity::va_vector};
  constexpr std::array kPhases{Phase::a, Phase::b, Phase::c, Phase::polyphase};
  for (std::uint16_t n = 1; n <= map_limit::analogs; ++n) {
    AnalogPoint p;
    p.point = n;
    p.quantity = kQuantities[(n - 1) % kQuantities.size()];
    p.phase = kPhases[((n - 1) / kQuantities.size()) % kPhases.size()];
    p.direction = Direction::bidirectional;
    p.name = "Analog " + std::to_string(n);
    map.analogs.points.push_back(p);
  }
  return map;
}

void write_point_map_file(const modbus::PointMap& map, const std::string& path) {
  std::ofstream out(path, std::ios::trunc);
  out << modbus::point_map_to_json(map);
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

}  // namespace jemhead::bench
