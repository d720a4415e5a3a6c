#pragma once
// What a simulated meter's Modbus tables hold at one simulated instant: every point's
// model value, the raw word(s) or bit the slave sends for it, and what a master decoding
// with the same map gets back. The slave answers requests from it and the truth endpoint
// prints it, so both always agree.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "drivers/protocol/modbus/point_decode.hpp"
#include "drivers/protocol/modbus/point_map.hpp"
#include "sim/meter_spec.hpp"
#include "sim/modbus/counter_source.hpp"
#include "sim/modbus/slave_state.hpp"
#include "sim/sim_meter.hpp"

namespace jemhead::sim {

struct CounterImage {
  double display = 0;     // the display register (model + preset offset), display units
  std::uint32_t raw = 0;  // the 32-bit pair sent, high word first
  double value = 0;       // decode_counter of the pair
};
struct AnalogImage {
  double secondary = 0;  // the model's value of the point's quantity/phase/direction
  std::int16_t raw = 0;  // encode_analog
  modbus::AnalogValue decoded;
};
struct BitImage {
  bool active = false;  // the condition (alarm on, output closed)
  bool raw = false;     // the bit sent (after the point's polarity)
};

struct SlaveImage {
  UtcTime simulated{};
  std::vector<CounterImage> counters;  // indexed like map.counters.points
  std::vector<AnalogImage> analogs;
  std::vector<BitImage> discrete_inputs;
  std::vector<BitImage> coils;
};

// Which tables to fill (a request needs one; the truth endpoint all).
enum TableMask : unsigned {
  kCounters = 1,
  kAnalogs = 2,
  kDiscreteInputs = 4,
  kCoils = 8,
  kAllTables = 15,
};

// Protocol address -> point, per table; built once per map.
struct AddressIndex {
  std::unordered_map<std::uint16_t, std::pair<std::size_t, bool>> holding;  // (index, is_low)
  std::unordered_map<std::uint16_t, std::size_t> input, coils, discrete_inputs;
};
AddressIndex index_addresses(const modbus::PointMap& map);

// The model's secondary value for an analog point (0 for what the model does not have:
// THD, harmonics, `other`).
double analog_model_value(const modbus::AnalogPoint& point, const Instantaneous& v);

// The state of a discrete-input point's condition (before polarity).
// Status "Volts Ph X" is an alarm below 80 % of the nominal element voltage; triggers 1-3
// are Appendix C's "Volts L-N phase A/B/C > 100" (L13563-13569), taken as enabled.
bool discrete_condition(const modbus::DiscreteInputPoint& point, const SlaveState& state,
                        double nominal_element_volts, const Instantaneous& v);

// The display register's value at `truth.simulated` including presets made by then.
double counter_display(const CounterSource& source, const SlaveState& state,
                       const EnergyRegisters& primary, UtcTime simulated);

struct ImageContext {
  const modbus::PointMap& map;
  const std::vector<CounterSource>& sources;  // one per counter point
  double pt_ratio = 1, ct_ratio = 1;          // the meter's (display registers are primary)
  double nominal_element_volts = 120;
};
SlaveImage build_image(const ImageContext& context, const SlaveState& state, const Truth& truth,
                       unsigned tables);

}  // namespace jemhead::sim
