#pragma once
// PROTOCOL SETUP, MODBUS Slave (L5895-L6131; appendix B L12551-L13391): general settings
// and the point map the Modbus driver reads. Factory defaults: appendix C (L13696-L13769).
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/protocol_points.hpp"

namespace jemhead::config {

// An input register (FC 04): one signed 16-bit register per point, secondary values
// auto-scaled to the quantity's range (volts 0-530 -> 0-32767 ...) and multiplied by
// scale_factor (L6099-L6105, L13264-L13380; analog_scaling.hpp).
struct ModbusAnalogPoint : AnalogMeasurement {
  int point = 1;
  int scale_factor = 1;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    // "numbered 0 - 199" (L6046) but appendix B maps Analog 1-200 to 30001-30200
    // (L13197-L13213) and appendix C numbers points from 1 (L13712): 1-200.
    v.field("point", s.point, Range{1, 200}, Seed{"L6042-L6048, L13197-L13213"},
            "Point 1-200: input register start address + point - 1");
    describe_measurement(s, v);
    v.field("scale_factor", s.scale_factor, Range{1, 100}, Seed{"L6099-L6105, L13355-L13361"},
            "Scale factor 1-100 applied to the 16-bit optimized value");
  }
  bool operator==(const ModbusAnalogPoint&) const = default;
};

inline std::vector<ModbusAnalogPoint> default_modbus_analog_points() {
  std::vector<ModbusAnalogPoint> out;
  for (const auto& m : default_analog_measurements()) {
    ModbusAnalogPoint p;
    static_cast<AnalogMeasurement&>(p) = m;
    p.point = static_cast<int>(out.size()) + 1;
    out.push_back(p);
  }
  return out;
}

struct ModbusSlave {
  // "Adjust Start Address" (L5929-L5931) per table. Counters are holding registers from
  // 40001 (L5988-L5990) and analogs input registers from 30001 (L6046-L6048); appendix C
  // swaps them (L13698, L13710), which contradicts the function codes, so the section wins.
  int counters_start_address = 40001;
  int analogs_start_address = 30001;
  int coils_start_address = 1;
  int input_status_start_address = 10001;
  int frame_timeout_ms = 1000;
  bool register_presets = false;
  bool allow_digital_outputs_control = false;
  std::vector<CounterPoint> counters = default_counter_points();
  std::vector<ModbusAnalogPoint> analogs = default_modbus_analog_points();
  std::vector<BinaryOutputPoint> coils{{1, 3}, {2, 4}};
  std::vector<BinaryInputPoint> input_status{{1, BinaryInputSource::digital_input, 1},
                                             {2, BinaryInputSource::digital_input, 2},
                                             {3, BinaryInputSource::trigger, 1},
                                             {4, BinaryInputSource::trigger, 2},
                                             {5, BinaryInputSource::trigger, 3}};

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("counters_start_address", s.counters_start_address, Range{40001, 49999},
            Seed{"L5929-L5931, L5986-L5990"}, "Holding register (FC 03) of counter point 1");
    v.field("analogs_start_address", s.analogs_start_address, Range{30001, 39999},
            Seed{"L5929-L5931, L6044-L6048"}, "Input register (FC 04) of analog point 1");
    v.field("coils_start_address", s.coils_start_address, Range{1, 9999}, Seed{"L13749-L13751"},
            "Coil (FC 01/05/15) of binary output point 1");
    v.field("input_status_start_address", s.input_status_start_address, Range{10001, 19999},
            Seed{"L13757-L13759"}, "Discrete input (FC 02) of binary input point 1");
    v.field("frame_timeout_ms", s.frame_timeout_ms, Range{100, 65000},
            Seed{"L5935-L5943, L12862-L12865"}, "Frame Timeout: time to complete a query, ms");
    v.field("register_presets", s.register_presets, Seed{"L5947-L5951, L12869-L12881"},
            "Accept register presets (FC 16) from the master");
    v.field("allow_digital_outputs_control", s.allow_digital_outputs_control,
            Seed{"L5955-L5979, L12883-L12890"}, "Let the master drive digital outputs (FC 05/15)");
    v.list("counters", s.counters, Count{0, 300}, Seed{"L5980-L6031, L13698-L13706"},
           "Modbus Counters (FC 03): 32-bit, two registers each");
    v.list("analogs", s.analogs, Count{0, 200}, Seed{"L6033-L6105, L13710-L13745"},
           "Modbus Analogs (FC 04): 16-bit, one register each");
    v.list("coils", s.coils, Count{0, 14}, Seed{"L6109-L6115, L13749-L13755"},
           "Read Output Coils (FC 01): digital outputs");
    v.list("input_status", s.input_status, Count{0, 100}, Seed{"L6117-L6123, L13757-L13769"},
           "Read Input Status (FC 02): digital inputs, triggers, meter status");
  }
  bool operator==(const ModbusSlave&) const = default;
};

// Register references the driver reads (5-digit Modicon numbering, as the manual writes
// them). A counter is a register pair, high-order word first.
inline int modbus_counter_register(const ModbusSlave& m, const CounterPoint& p) {
  return m.counters_start_address + 2 * (p.point - 1);
}
inline int modbus_analog_register(const ModbusSlave& m, const ModbusAnalogPoint& p) {
  return m.analogs_start_address + (p.point - 1);
}
inline int modbus_coil(const ModbusSlave& m, const BinaryOutputPoint& p) {
  return m.coils_start_address + (p.point - 1);
}
inline int modbus_input_status(const ModbusSlave& m, const BinaryInputPoint& p) {
  return m.input_status_start_address + (p.point - 1);
}

}  // namespace jemhead::config
