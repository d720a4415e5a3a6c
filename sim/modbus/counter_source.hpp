#pragma once
// Which energy register a Modbus counter copies. On the meter a counter points at a
// Normal or Alternate display register (manual L13011-13013); the simulator has no
// display-register configuration yet, so it defines a fixed table of display registers
// over its energy model, and also understands the measurement named by a point (the
// factory default map names "Watthour Delivered" and gives no register id, part6 Q17).
//
// Display registers show primary values (energy × PT × CT, the meter's usual billing
// display); the point's unit picks the prefix: "kWh" shows kWh, "Wh" shows Wh.
#include <optional>
#include <string>

#include "drivers/protocol/modbus/point_map.hpp"
#include "sim/energy_registers.hpp"

namespace jemhead::sim {

enum class EnergyKind {
  wh_delivered,
  wh_received,
  varh_delivered,
  varh_received,
  varh_q1,
  varh_q2,
  varh_q3,
  varh_q4,
  vah_delivered,
  vah_received,
  vah_vectorial_delivered,  // polyphase only
  vah_vectorial_received,   // polyphase only
  qh_delivered,
  qh_received,
  ah,
  v2h,
  a2h,
};

struct CounterSource {
  EnergyKind kind = EnergyKind::wh_delivered;
  int column = kPoly;        // 0..2 phases A-C, kPoly = polyphase
  double unit_divisor = 1;   // 1000 for a "k" unit, 1e6 for "M"
  std::string display_name;  // e.g. "Wh delivered polyphase"
};

// The simulator's display registers (ID 0-49 Normal; Alternate 100-149 mirror them):
//   0-16  polyphase, in EnergyKind order (Wh del ... A2h)
//  20-29  phase A: Wh del, Wh rec, VARh del, VARh rec, VAh del, VAh rec, Qh del, Qh rec,
//         Ah, V2h;  30-39 phase B;  40-49 phase C.
// Empty for an ID with no register.
std::optional<CounterSource> display_register(std::uint16_t id);

// By register_id when the point has one, else by its name ("Watthour Delivered",
// "VARh Received Phase B", "kWh del", "Ah total"...). On failure sets `problem`.
std::optional<CounterSource> counter_source(const modbus::CounterPoint& point,
                                            std::string& problem);

// The display value: the register in primary units divided by the unit prefix.
double display_value(const CounterSource& source, const EnergyRegisters& primary);

}  // namespace jemhead::sim
