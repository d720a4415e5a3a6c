#pragma once
// The COSEM objects the simulated meter serves over DLMS, read from the sim's model at
// the moment of the request (the profile generic engine comes later):
//   - Clock 0.0.1.0.0.255 (IC8): attribute 2 is the meter's clock (sim/meter_clock.hpp) as
//     octet-string(12); the simulated meter keeps UTC, so attribute 3 (time zone) and the
//     deviation are 0. Attribute 2 is the only writable attribute (manual L16780-L16782).
//   - The eight Watthour registers (IC3, manual L14857-L14871): attribute 2 the primary
//     energy x 1000 as double-long-unsigned (the manual's "scaled by 1000", L14672), which
//     rolls over at 2^32 like a register of that type; attribute 3 {scaler 0, Wh}, the
//     scaler the manual's register example reports (L14809).
//   - Data objects (IC1): serial number and identification fields (0.0.96.11.0-5),
//     firmware versions (0.b.0.2.1.255, b = 0..4) and the transformer ratios (1.0.0.4.x).
// Access rights follow "Access Settings" (manual L6553-L6593): the public client (SAP 16)
// reads only the identification objects and the clock; reader (SAP 2) and manager (SAP 1)
// read everything; only the manager sets the clock time.
#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "drivers/protocol/dlms/apdu/cosem_attribute.hpp"
#include "drivers/protocol/dlms/apdu/data_access_result.hpp"
#include "drivers/protocol/dlms/axdr/data.hpp"
#include "drivers/protocol/dlms/cosem/obis.hpp"
#include "drivers/protocol/dlms/cosem/units.hpp"
#include "sim/sim_meter.hpp"

namespace jemhead::sim::dlms_server {

namespace cosem = jemhead::dlms::cosem;
namespace axdr = jemhead::dlms::axdr;
namespace apdu = jemhead::dlms::apdu;

// Client SAPs = wrapper source wPorts (manual L6553-L6583).
enum class DlmsClient : std::uint8_t { manager = 1, reader = 2, public_client = 16 };

inline constexpr cosem::Obis kClockObis{0, 0, 1, 0, 0, 255};
inline constexpr std::int8_t kRegisterScaler = 0;         // manual L14809
inline constexpr double kRegisterMultiplier = 1000.0;     // manual L14672
inline constexpr std::int16_t kClockTimeZoneMinutes = 0;  // the sim's meters keep UTC

struct RegisterValue {
  cosem::Obis obis;
  std::string_view description;  // the manual's words
  std::uint32_t value = 0;       // attribute 2 as served
  std::int8_t scaler = kRegisterScaler;
  cosem::Unit unit = cosem::Unit::watt_hour;
  double primary_wh = 0;  // what the value encodes, before x1000 and rollover
};

// What the server would serve at `real_now`.
struct DlmsSnapshot {
  UtcTime meter_time{};
  std::vector<RegisterValue> registers;
};
DlmsSnapshot dlms_snapshot(SimMeter& meter, RealClock::time_point real_now);

// The clock attribute 2 value at the meter's time `meter_time`.
axdr::Data clock_time_value(UtcTime meter_time);

using AttributeResult = std::variant<axdr::Data, apdu::DataAccessResult>;

AttributeResult get_attribute(SimMeter& meter, DlmsClient client,
                              const apdu::CosemAttributeDescriptor& attribute,
                              RealClock::time_point real_now);

// `value` is one encoded A-XDR Data element.
apdu::DataAccessResult set_attribute(SimMeter& meter, DlmsClient client,
                                     const apdu::CosemAttributeDescriptor& attribute,
                                     std::span<const std::uint8_t> value,
                                     RealClock::time_point real_now);

}  // namespace jemhead::sim::dlms_server
