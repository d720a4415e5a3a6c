#pragma once
// What one entry of the meter's COSEM object list says: the object's identity on the wire
// (OBIS, interface class and version, attributes), the manual's own words and unit, and
// what the object means to jemhead (kind, quantity, phase, direction). The entries
// themselves are data in object_table.hpp and lp_measurement_table.hpp.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"
#include "drivers/protocol/dlms/axdr/data_type.hpp"
#include "drivers/protocol/dlms/cosem/obis.hpp"
#include "drivers/protocol/dlms/cosem/units.hpp"

namespace jemhead::dlms::cosem {

// Interface classes the manual lists as implemented (L13982-L14057).
namespace class_id {
inline constexpr std::uint16_t data = 1;
inline constexpr std::uint16_t register_ = 3;
inline constexpr std::uint16_t profile_generic = 7;
inline constexpr std::uint16_t clock = 8;
inline constexpr std::uint16_t association_ln = 15;
inline constexpr std::uint16_t sap_assignment = 17;
}  // namespace class_id

// The manual states no class versions. These are the Blue Book versions whose attribute
// lists match the ones the manual prints (Association LN with 8 attributes is version 0;
// Profile generic with these 8 is version 1). The object_list the meter returns is the
// authority; these are what a client expects before reading it.
constexpr std::uint8_t class_version(std::uint16_t cls) {
  return cls == class_id::profile_generic ? 1 : 0;
}

// Bit n set = attribute n. All attributes of each class are listed as implemented; no
// methods are (no ACTION service, L14064-L14074).
using AttributeMask = std::uint32_t;
constexpr AttributeMask attributes_1_to(int last) {
  AttributeMask m = 0;
  for (int i = 1; i <= last; ++i) m |= AttributeMask{1} << i;
  return m;
}
constexpr AttributeMask class_attributes(std::uint16_t cls) {
  switch (cls) {
    case class_id::data: return attributes_1_to(2);
    case class_id::register_: return attributes_1_to(3);
    case class_id::profile_generic: return attributes_1_to(8);
    case class_id::clock: return attributes_1_to(9);
    case class_id::association_ln: return attributes_1_to(8);
    case class_id::sap_assignment: return attributes_1_to(2);
    default: return 0;
  }
}
constexpr bool has_attribute(AttributeMask mask, int attribute) {
  return attribute > 0 && attribute < 32 && (mask & (AttributeMask{1} << attribute)) != 0;
}

// Which of the manual's tables an entry comes from.
enum class ObjectSource : std::uint8_t {
  data_objects,     // "Data Objects Available for DLMS" (L14080-L14216)
  registers,        // "Register Measurements Available for DLMS" (L14670-L14871)
  load_profiles,    // Load Profile Objects (L15073-L15079)
  lp_measurements,  // Table 2 "Load Profile Measurements Available for DLMS" (L15193-L16325)
  ethernet_log,     // Ethernet Connection Status Log (L16615-L16769)
  clock,            // L16778-L16828
  association,      // L16829-L16851
};

// What the object is to jemhead.
enum class Kind : std::uint8_t {
  firmware,              // version string or signature
  identification,        // serial number, meter id, location ...
  transformer_ratio,     // CT/VT primary and secondary
  lp_configuration,      // recording interval code, Km array, pulse settings
  energy,                // cumulative register (Wh)
  instantaneous,         // instantaneous register (W, V, A, PF, Hz, degrees)
  interval_consumption,  // LP channel: consumption over the interval (D=29)
  interval_average,      // LP channel: average of an instantaneous quantity (D=27, THD)
  status_input,          // LP channel: digital status input
  pulse_count,           // LP channel: pulse counter
  status_word,           // LP channel: status word (trigger / system bits)
  load_profile,
  event_log,
  clock,
  association,
};

// The measured quantity, independent of energy vs power.
enum class Quantity : std::uint8_t {
  none,
  active,               // W / Wh
  reactive,             // var / varh
  apparent_arithmetic,  // VA / VAh arithmetic
  apparent_vectorial,   // VA / VAh vectorial
  q,                    // Q / Qh
  volts_ln,
  volts_ll,
  amps,
  power_factor_arithmetic,
  power_factor_vectorial,
  frequency,
  volts_phase_angle,
  amps_phase_angle,
  amps_squared,
  volts_squared_ln,
  volts_squared_ll,
  volts_thd,
  amps_thd,
  volts_imbalance,
  amps_imbalance,
  trigger_bits,
  system_bits,
};

enum class Phase : std::uint8_t { none, a, b, c, polyphase, average, neutral };

enum class Direction : std::uint8_t {
  none,
  delivered,
  received,
  net,
  absolute,
  bidirectional,
  q1,
  q2,
  q3,
  q4,
};

struct CosemObject {
  Obis obis;
  std::uint16_t class_id = 0;
  std::uint8_t class_version = 0;
  std::string_view description;  // the manual's words
  ObjectSource source = ObjectSource::data_objects;
  AttributeMask attributes = 0;              // attributes the meter supports
  AttributeMask writable = 0;                // RW attributes (only the clock's time)
  std::optional<axdr::DataType> value_type;  // attribute 2 (or the captured value), as stated
  std::optional<Unit> unit;                  // as the manual states it; nullopt if it does not
  std::optional<std::int8_t> scaler;         // as the manual states it (registers: 0, L14809)
  Kind kind = Kind::identification;
  Quantity quantity = Quantity::none;
  Phase phase = Phase::none;
  Direction direction = Direction::none;
  // B/C value of the channel for status inputs and pulse counters (1..6), else 0.
  std::uint8_t channel = 0;
};

// The unit jemhead labels a value with when the manual gives none (LP channels, whose
// Float32 values carry no scaler_unit): derived from quantity and kind. nullopt for
// unitless values (PF, THD, imbalance, status words, counts).
constexpr std::optional<Unit> nominal_unit(Quantity quantity, Kind kind) {
  const bool energy = kind == Kind::energy || kind == Kind::interval_consumption;
  switch (quantity) {
    case Quantity::active: return energy ? Unit::watt_hour : Unit::watt;
    case Quantity::reactive: return energy ? Unit::var_hour : Unit::var;
    case Quantity::apparent_arithmetic:
    case Quantity::apparent_vectorial: return energy ? Unit::volt_ampere_hour : Unit::volt_ampere;
    case Quantity::amps: return energy ? Unit::ampere_hour : Unit::ampere;
    case Quantity::volts_ln:
    case Quantity::volts_ll: return Unit::volt;
    case Quantity::frequency: return Unit::hertz;
    case Quantity::volts_phase_angle:
    case Quantity::amps_phase_angle: return Unit::degree;
    case Quantity::amps_squared:
      return energy ? std::optional(Unit::ampere_squared_hour) : std::nullopt;
    case Quantity::volts_squared_ln:
    case Quantity::volts_squared_ll:
      return energy ? std::optional(Unit::volt_squared_hour) : std::nullopt;
    case Quantity::volts_thd:
    case Quantity::amps_thd:
    case Quantity::volts_imbalance:
    case Quantity::amps_imbalance: return Unit::percent;
    default: return std::nullopt;  // Q has no Blue Book unit; PF, status words unitless
  }
}

}  // namespace jemhead::dlms::cosem

template <>
struct jemhead::EnumText<jemhead::dlms::cosem::Kind> {
  using K = dlms::cosem::Kind;
  static constexpr std::array<std::pair<K, std::string_view>, 15> names{{
      {K::firmware, "firmware"},
      {K::identification, "identification"},
      {K::transformer_ratio, "transformer_ratio"},
      {K::lp_configuration, "lp_configuration"},
      {K::energy, "energy"},
      {K::instantaneous, "instantaneous"},
      {K::interval_consumption, "interval_consumption"},
      {K::interval_average, "interval_average"},
      {K::status_input, "status_input"},
      {K::pulse_count, "pulse_count"},
      {K::status_word, "status_word"},
      {K::load_profile, "load_profile"},
      {K::event_log, "event_log"},
      {K::clock, "clock"},
      {K::association, "association"},
  }};
};

template <>
struct jemhead::EnumText<jemhead::dlms::cosem::Quantity> {
  using Q = dlms::cosem::Quantity;
  static constexpr std::array<std::pair<Q, std::string_view>, 23> names{{
      {Q::none, "none"},
      {Q::active, "watts"},
      {Q::reactive, "vars"},
      {Q::apparent_arithmetic, "va_arithmetic"},
      {Q::apparent_vectorial, "va_vector"},
      {Q::q, "q"},
      {Q::volts_ln, "volts"},
      {Q::volts_ll, "volts_ll"},
      {Q::amps, "amps"},
      {Q::power_factor_arithmetic, "power_factor_arithmetic"},
      {Q::power_factor_vectorial, "power_factor_vector"},
      {Q::frequency, "frequency"},
      {Q::volts_phase_angle, "volts_phase_angle"},
      {Q::amps_phase_angle, "amps_phase_angle"},
      {Q::amps_squared, "amps_squared"},
      {Q::volts_squared_ln, "volts_squared"},
      {Q::volts_squared_ll, "volts_squared_ll"},
      {Q::volts_thd, "volt_thd"},
      {Q::amps_thd, "amp_thd"},
      {Q::volts_imbalance, "volt_imbalance"},
      {Q::amps_imbalance, "amp_imbalance"},
      {Q::trigger_bits, "trigger_bits"},
      {Q::system_bits, "system_bits"},
  }};
};

template <>
struct jemhead::EnumText<jemhead::dlms::cosem::Phase> {
  using P = dlms::cosem::Phase;
  static constexpr std::array<std::pair<P, std::string_view>, 7> names{{
      {P::none, "none"},
      {P::a, "a"},
      {P::b, "b"},
      {P::c, "c"},
      {P::polyphase, "polyphase"},
      {P::average, "average"},
      {P::neutral, "neutral"},
  }};
};

template <>
struct jemhead::EnumText<jemhead::dlms::cosem::Direction> {
  using D = dlms::cosem::Direction;
  static constexpr std::array<std::pair<D, std::string_view>, 10> names{{
      {D::none, "none"},
      {D::delivered, "delivered"},
      {D::received, "received"},
      {D::net, "net"},
      {D::absolute, "absolute"},
      {D::bidirectional, "bidirectional"},
      {D::q1, "q1"},
      {D::q2, "q2"},
      {D::q3, "q3"},
      {D::q4, "q4"},
  }};
};
