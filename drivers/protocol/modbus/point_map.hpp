#pragma once
// The per-meter Modbus point map. The JEMStar II has no fixed register map: the user
// builds four tables in JEMWare II (manual L12900-13391, part6 §11) and the map cannot be
// discovered over the wire, so the head-end must be told what each address holds.
//
// Addressing: each table has a start address in Modicon reference notation as JEMWare
// shows it (40001, 30001, 1, 10001) and points numbered from 1 as in Appendix C
// ("Point 1 ..."). Counter n occupies the pair start+2(n-1), start+2(n-1)+1 (high word
// first, L5988-5990); analogs, coils and discrete inputs occupy start+(n-1). The protocol
// address is the reference's offset within its 10000 block minus one (40001 -> 0).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_text.hpp"
#include "core/validation.hpp"
#include "drivers/protocol/modbus/analog_range.hpp"

namespace jemhead::modbus {

// ---- counters: FC03 holding registers, 32-bit copies of display registers ----

enum class RegisterSet { normal, alternate };  // display register IDs 0-49 / 100-149 (L6016-6018)

struct CounterPoint {
  std::uint16_t point = 1;  // 1..300 (L5986)
  std::string name;         // e.g. "Watthour Delivered"
  RegisterSet register_set = RegisterSet::normal;
  // The source display register. Optional because the factory defaults name the
  // measurement but the default display-register list is only a screenshot (part6 Q17).
  std::optional<std::uint16_t> register_id;
  std::string unit;  // the display register's engineering unit, e.g. "Wh", "kWh"
  // The meter multiplies the display value by this before sending it (a straight
  // multiplier, the "straight scaler" of the DNP 32-bit objects, L6390); decoding divides by it.
  // The manual allows 1..1000 (L13165) but its own defaults use 0.001 (L13700), so
  // 0.001..1000 is accepted.
  double scale_factor = 1;
  bool is_signed = false;  // not stated by the manual (part6 Q6); unsigned unless set
  bool operator==(const CounterPoint&) const = default;
};

// ---- analogs: FC04 input registers, auto-scaled secondary values ----

struct AnalogPoint {
  std::uint16_t point = 1;  // 1..200
  std::string name;
  AnalogQuantity quantity = AnalogQuantity::volts;
  Phase phase = Phase::a;  // for individual harmonics JEMWare puts the harmonic number here
  Direction direction = Direction::delivered;
  bool compensated = false;        // TLC; informational, the meter applies it
  std::uint16_t scale_factor = 1;  // 1..100 (L13355); multiplies the scaled value
  // Secondary value that maps to 32767 (before the scale factor). Empty: the manual's
  // table (manual_full_scale); required for quantities the table lacks.
  std::optional<double> full_scale;
  std::string unit;      // overrides unit_of(quantity); needed for `other`
  bool primary = false;  // report primary (× PT/CT ratios) instead of secondary
  bool operator==(const AnalogPoint&) const = default;
};

// ---- discrete inputs: FC02 ----

enum class DiscreteSource { digital_input, trigger, meter_status };

// The meter status bits FC02 can carry (L12987-13003).
enum class MeterStatus {
  volts_phase_a,
  volts_phase_b,
  volts_phase_c,
  clock_sync,
  battery,
  internal_comm,
  calibration,
  configuration,
  firmware,
  test_mode,
};

// The manual does not say which bit value means "alarm" (part6 Q15): per point.
enum class Polarity { active_high, active_low };

struct DiscreteInputPoint {
  std::uint16_t point = 1;  // 1..100
  std::string name;
  DiscreteSource source = DiscreteSource::digital_input;
  std::uint16_t channel = 1;          // digital input 1..14, trigger 1..64; unused for meter_status
  std::optional<MeterStatus> status;  // required for meter_status
  Polarity polarity = Polarity::active_high;
  bool operator==(const DiscreteInputPoint&) const = default;
};

// ---- coils: FC01 read, FC05/FC15 force ----

struct CoilPoint {
  std::uint16_t point = 1;  // 1..14
  std::string name;
  std::uint16_t channel = 1;  // the meter's DIO channel (Appendix C maps point 1 to Ch3)
  bool operator==(const CoilPoint&) const = default;
};

template <typename Point>
struct PointTable {
  std::uint32_t start_address = 0;  // Modicon reference, e.g. 40001
  std::vector<Point> points;
  bool operator==(const PointTable&) const = default;
};

struct PointMap {
  std::string name;
  // Instrument transformer ratios for primary values; Modbus cannot read them (Appendix C
  // defaults: 1 and 1, L13440-13450).
  double pt_ratio = 1;
  double ct_ratio = 1;
  // The meter's "Allow Register Presets" / "Allow Digital Outputs Control" switches
  // (L12881-12899): when off the meter answers writes with exception 01, so the driver
  // refuses them up front and the simulator mirrors the meter.
  bool allow_register_presets = false;
  bool allow_output_control = false;
  PointTable<CounterPoint> counters{40001, {}};
  PointTable<AnalogPoint> analogs{30001, {}};
  PointTable<CoilPoint> coils{1, {}};
  PointTable<DiscreteInputPoint> discrete_inputs{10001, {}};
  bool operator==(const PointMap&) const = default;
};

// Table sizes from the manual.
namespace map_limit {
inline constexpr std::uint16_t counters = 300;         // L5986
inline constexpr std::uint16_t analogs = 200;          // L6044, L13199-13213
inline constexpr std::uint16_t discrete_inputs = 100;  // 10001..10100, L12945-13007
inline constexpr std::uint16_t coils = 14;             // Digital Out #1-#14, L12945-12977
inline constexpr std::uint16_t dio_channels = 14;      // L12979
inline constexpr std::uint16_t triggers = 64;          // L12983
}  // namespace map_limit

// Every rule at once, fields named like the JSON ("counters/points/2/scale_factor").
Validation validate(const PointMap& map);

// Protocol address of a reference number: 40001 -> 0, 10017 -> 16, 1 -> 0.
constexpr std::uint16_t protocol_address(std::uint32_t reference) {
  return static_cast<std::uint16_t>((reference - 1) % 10000);
}
std::uint16_t address_of(const PointMap& map, const CounterPoint& point);  // the high word
std::uint16_t address_of(const PointMap& map, const AnalogPoint& point);
std::uint16_t address_of(const PointMap& map, const DiscreteInputPoint& point);
std::uint16_t address_of(const PointMap& map, const CoilPoint& point);

}  // namespace jemhead::modbus

template <>
struct jemhead::EnumText<jemhead::modbus::RegisterSet> {
  using R = modbus::RegisterSet;
  static constexpr std::array<std::pair<R, std::string_view>, 2> names{{
      {R::normal, "normal"},
      {R::alternate, "alternate"},
  }};
};

template <>
struct jemhead::EnumText<jemhead::modbus::DiscreteSource> {
  using S = modbus::DiscreteSource;
  static constexpr std::array<std::pair<S, std::string_view>, 3> names{{
      {S::digital_input, "digital_input"},
      {S::trigger, "trigger"},
      {S::meter_status, "meter_status"},
  }};
};

template <>
struct jemhead::EnumText<jemhead::modbus::MeterStatus> {
  using M = modbus::MeterStatus;
  static constexpr std::array<std::pair<M, std::string_view>, 10> names{{
      {M::volts_phase_a, "volts_phase_a"},
      {M::volts_phase_b, "volts_phase_b"},
      {M::volts_phase_c, "volts_phase_c"},
      {M::clock_sync, "clock_sync"},
      {M::battery, "battery"},
      {M::internal_comm, "internal_comm"},
      {M::calibration, "calibration"},
      {M::configuration, "configuration"},
      {M::firmware, "firmware"},
      {M::test_mode, "test_mode"},
  }};
};

template <>
struct jemhead::EnumText<jemhead::modbus::Polarity> {
  using P = modbus::Polarity;
  static constexpr std::array<std::pair<P, std::string_view>, 2> names{{
      {P::active_high, "active_high"},
      {P::active_low, "active_low"},
  }};
};
