#pragma once
// What drivers read from meters, as typed records ready for storage. All instants are
// UTC with microseconds; values are in engineering units after scaling.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace jemhead {

// A display register (energy, demand, TOU, self-read...) as read from the meter.
struct RegisterReading {
  std::int64_t meter_id = 0;
  std::string register_id;  // display register id ("1".."n") or OBIS code ("1.0.1.8.0.255")
  std::string description;
  double value = 0;
  std::string unit;    // "kWh", "kvarh", "kW", ...
  UtcTime read_at{};   // the meter's time of the value
  std::string source;  // protocol it came from
};

// An instantaneous quantity (V, I, W, VAR, VA, PF, Hz) per phase.
struct InstantaneousValue {
  std::int64_t meter_id = 0;
  std::string quantity;  // "voltage", "current", "watts", ...
  std::string phase;     // "A", "B", "C", "total", "AB", ...
  double value = 0;
  std::string unit;
  UtcTime read_at{};
  std::string source;
};

// Load-profile interval status flags (the manual's LP status codes, part7). Bits are
// stable storage values: never renumber.
namespace interval_flag {
inline constexpr std::uint32_t power_outage = 1u << 0;
inline constexpr std::uint32_t time_set = 1u << 1;
inline constexpr std::uint32_t dst_active = 1u << 2;
inline constexpr std::uint32_t billing_reset = 1u << 3;
inline constexpr std::uint32_t partial_interval = 1u << 4;
inline constexpr std::uint32_t long_interval = 1u << 5;
inline constexpr std::uint32_t test_mode = 1u << 6;
inline constexpr std::uint32_t configuration_change = 1u << 7;
inline constexpr std::uint32_t overflow = 1u << 8;
inline constexpr std::uint32_t data_invalid = 1u << 9;
// Added for the DLMS LP status codes (part7 §6.3, L15080-L15140) that have no flag above.
inline constexpr std::uint32_t midnight = 1u << 10;
inline constexpr std::uint32_t dst_change = 1u << 11;  // the interval a DST change fell in
inline constexpr std::uint32_t freeze = 1u << 12;
inline constexpr std::uint32_t register_preset = 1u << 13;
inline constexpr std::uint32_t recalibration = 1u << 14;
inline constexpr std::uint32_t diagnostic = 1u << 15;
}  // namespace interval_flag

// One channel's value for one interval: the storage key is
// (meter_id, profile, channel, interval_end) and writes are idempotent upserts.
struct LoadProfileValue {
  std::int64_t meter_id = 0;
  std::uint8_t profile = 1;   // 1 or 2 (the meter has two load profiles)
  std::uint16_t channel = 1;  // 1..16
  UtcTime interval_end{};
  double value = 0;
  std::uint32_t status = 0;  // interval_flag bits
};

// One load-profile channel as the meter describes it (its capture object): what a stored
// LoadProfileValue of that channel means. Kept per (meter, profile, channel) so values can
// be served with units and so a reconfigured meter is noticed.
struct LoadProfileChannel {
  std::uint16_t channel = 1;  // 1..16, the order of the meter's buffer columns
  std::string obis;           // the captured object, "1.0.1.29.0.255"
  std::string quantity;       // "watt_hours_delivered", ... ("" when the code is unknown)
  std::string phase;          // "A", "B", "C", "total", ... ("" when none)
  std::string description;    // the manual's words for the measurement
  std::string unit;           // the stored unit ("kWh", "kW", "V", "" for unitless)
};

// A load profile's shape: its capture period and channels, in column order.
struct LoadProfileLayout {
  std::uint8_t profile = 1;
  std::uint32_t capture_period_s = 0;  // interval length in seconds (1..3600)
  std::vector<LoadProfileChannel> channels;
};

// One reading of the meter's clock. The offset is the meter's clock minus the head-end's
// at the instant the meter answered (the midpoint of request and response).
struct ClockReading {
  std::int64_t meter_id = 0;
  UtcTime meter_time{};     // the meter's clock, converted to UTC at the driver boundary
  UtcTime head_end_time{};  // the head-end's clock at that instant
  std::string source;       // protocol it came from
  std::int64_t offset_us() const {
    return to_unix_micros(meter_time) - to_unix_micros(head_end_time);
  }
};

// An entry of one of the meter's logs (event, diagnostic, security, Ethernet, ...).
struct LogEvent {
  std::int64_t id = 0;
  std::int64_t meter_id = 0;
  std::string log;  // "event", "diagnostic", "security", "ethernet", "status", ...
  UtcTime event_time{};
  std::string code;
  std::string description;
  std::string raw;  // the record as received, for audit and re-decoding
};

}  // namespace jemhead
