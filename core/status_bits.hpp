#pragma once
// The meter's Status Word (manual L9563-L9856, duplicate L4734-L4932; digest part4 §9,
// part5 §1) as data, and edge detection between two status snapshots.
//
// The Status Word is two 16-bit words, System Bit and Trigger Bit. Bits are numbered from
// 1 at the least significant end: bit n is mask 1 << (n-1) (0x0021 = bits 1 and 6,
// L9666-L9681; 0x0400 = bit 11, L9828-L9832; 0x0070 = bits 5, 6 and 7, L9834-L9836).
// Every indicator stays set for at least the current load-profile interval (L9654-L9662),
// so an edge seen by polling can lag the condition by up to one interval.
//
// The System Bit table is fixed. The Trigger Bit table is only "a typical example": which
// alarm trigger drives which bit is per-meter configuration (L9765-L9773, L4937-L4990), so
// trigger points are named by bit number and the typical meaning is a description only.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status_snapshot.hpp"

namespace jemhead {

struct StatusBitInfo {
  std::uint8_t bit = 0;          // 1..16 as the manual numbers them
  std::string_view name;         // stable machine name
  std::string_view indicator;    // the manual's "Status Indicator" column
  std::string_view description;  // the manual's "Description" column (abridged)
  std::string_view lines;        // where the manual says it
  bool future = false;           // reserved by the manual ("Future")
  constexpr std::uint16_t mask() const { return static_cast<std::uint16_t>(1u << (bit - 1)); }
};

// System Bit (L9582-L9650).
inline constexpr std::array<StatusBitInfo, 16> kSystemStatusBits{{
    {1, "battery_failure", "Battery Failure",
     "The internal battery needs replacing; stays active until the battery reset is performed",
     "L9592-L9596", false},
    {2, "auxiliary_power_loss", "Auxiliary Power Loss", "Future", "L9598", true},
    {3, "general_failure", "General Failure",
     "An internal error (service/PQ/metrology comm or firmware CRC error, calibration data "
     "CRC error, PQDIF storage error, config update request); each is in the Diagnostic Log",
     "L9600-L9610", false},
    {4, "load_profile_overflow", "Load Profile overflow",
     "The Load Profile counts have exceeded the maximum 16 bit storage range of 16,383",
     "L9612-L9620", false},
    {5, "pulse_output_overflow", "Pulse Output overflow",
     "Pulse output rate has exceeded 10 pulses/sec", "L9621", false},
    {6, "loss_of_time_sync", "Loss of Time Sync", "Loss of external time sync from NTP or IRIG-B",
     "L9623", false},
    {7, "ntp_time_sync_drift", "NTP Time Sync Drift",
     "The internal clock is off by more than the tolerance Ts (10-10,000 ms, default 500 ms)",
     "L9625-L9632", false},
    {8, "dst", "DST", "The meter is using Daylight Savings Time", "L9634-L9637", false},
    {9, "cover_removed", "Terminal / Service Cover Removed",
     "The terminal cover or service cover has been opened", "L9639-L9642", false},
    {10, "manual_time_change", "Manual Time Change", "The meter time was changed manually", "L9644",
     false},
    {11, "configuration_change", "Configuration Change", "The meter configuration was changed",
     "L9646", false},
    {12, "firmware_changed", "Firmware Changed", "The meter firmware was changed", "L9648", false},
    {13, "future_13", "Future", "", "L9650", true},
    {14, "future_14", "Future", "", "L9650", true},
    {15, "future_15", "Future", "", "L9650", true},
    {16, "future_16", "Future", "", "L9650", true},
}};

// Trigger Bit, the manual's "typical example" (L9716-L9763). Bit 9's condition is printed
// with I2 (L9745-L9749); the indicator says I3, which is what is meant.
inline constexpr std::array<StatusBitInfo, 16> kTypicalTriggerBits{{
    {1, "loss_of_voltage_v1", "Loss of voltage V1", "V1 < 0.4 x Vn", "L9721", false},
    {2, "loss_of_voltage_v2", "Loss of voltage V2", "V2 < 0.4 x Vn", "L9723", false},
    {3, "loss_of_voltage_v3", "Loss of voltage V3", "V3 < 0.4 x Vn", "L9725", false},
    {4, "overcurrent_i1", "Overcurrent I1", "I1 > 1.3 x In", "L9727", false},
    {5, "overcurrent_i2", "Overcurrent I2", "I2 > 1.3 x In", "L9729", false},
    {6, "overcurrent_i3", "Overcurrent I3", "I3 > 1.3 x In", "L9731", false},
    {7, "loss_of_voltage_v1_with_current", "Loss of Voltage V1 with Current I1",
     "V1 < 0.4 x Vn & I1 > 0.05 x In", "L9733-L9737", false},
    {8, "loss_of_voltage_v2_with_current", "Loss of Voltage V2 with Current I2",
     "V2 < 0.4 x Vn & I2 > 0.05 x In", "L9739-L9743", false},
    {9, "loss_of_voltage_v3_with_current", "Loss of Voltage V3 with Current I3",
     "V3 < 0.4 x Vn & I3 > 0.05 x In", "L9745-L9749", false},
    {10, "phase_voltage_rotation_error", "Phase Voltage Rotation Error",
     "Angle between two phases < 90 and > 150 degrees apart", "L9751-L9753", false},
    {11, "phase_current_rotation_error", "Phase Current Rotation Error",
     "Angle between two phases < 60 and > 180 degrees apart", "L9753-L9755", false},
    {12, "voltage_unbalance", "Voltage Unbalance", "> 0.05 x Vn", "L9755", false},
    {13, "current_unbalance", "Current Unbalance", "> 0.05 x In", "L9757", false},
    {14, "external_fault_1", "External Fault 1", "Via Digital Input", "L9759", false},
    {15, "external_fault_2", "External Fault 2", "Via Digital Input", "L9761", false},
    {16, "future_16", "Future", "", "L9763", true},
}};

// The bits of a System Bit / Trigger Bit word that are set, in bit order.
std::vector<StatusBitInfo> system_bits_set(std::uint16_t system_word);
std::vector<StatusBitInfo> trigger_bits_set(std::uint16_t trigger_word);

// All 16 bits of each word as snapshot points: "system.<name>" and "trigger.bit_<n>".
std::vector<StatusPoint> status_word_points(std::uint16_t system_word, std::uint16_t trigger_word);

// A change of one point between two snapshots.
struct StatusEdge {
  std::string point;
  bool set = false;  // true: became active; false: cleared
  UtcTime at{};      // the read time of the snapshot that saw the change
  bool operator==(const StatusEdge&) const = default;
};

// Edges from `previous` to `current`, in the order of current's points. A point that is
// new in `current` (or every point, when there is no previous snapshot) counts as having
// been inactive, so a condition present at the first read is reported once as "set". A
// point missing from `current` gives no edge: its state is unknown, not cleared.
std::vector<StatusEdge> detect_status_edges(const StatusSnapshot* previous,
                                            const StatusSnapshot& current);

}  // namespace jemhead
