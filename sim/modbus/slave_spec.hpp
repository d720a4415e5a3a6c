#pragma once
// How one simulated meter's Modbus slave is configured (the `modbus:` key of a meter in
// the fleet file, docs/simulator.md), and the RS-485 buses the fleet puts on
// pseudo-terminals (`rtu_buses:`). Parsed in sim/modbus/fleet_keys.cpp; served by
// jemhead_sim_modbus. A meter without this spec has no Modbus port, like the real meter
// whose Modbus is disabled out of the box (manual Appendix C, L13652-13690).
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/enum_text.hpp"
#include "drivers/protocol/modbus/crc16.hpp"
#include "drivers/protocol/modbus/point_map.hpp"

namespace jemhead::sim {

// What an injected fault does to an answer (per meter, settable at run time).
enum class FaultMode {
  none,
  no_answer,        // the request is swallowed
  slow,             // answered after delay_ms (on top of the turnaround)
  garbage,          // random bytes instead of the answer
  bad_crc,          // RTU: the answer's CRC is wrong (TCP has no CRC: answered normally)
  drop_connection,  // TCP: the connection is closed; RTU: the answer stops half way
  wrong_crc_order,  // RTU: CRC bytes in the other order (TCP: answered normally)
};

struct FaultSettings {
  FaultMode mode = FaultMode::none;
  std::uint32_t delay_ms = 0;  // for `slow`; 0..600000
  bool operator==(const FaultSettings&) const = default;
};
inline constexpr std::uint32_t kMaxFaultDelayMs = 600'000;

// The manual's serial speeds (L12604).
inline constexpr std::array<std::uint32_t, 5> kModbusBauds{1200, 2400, 9600, 19200, 38400};

struct RtuBusSpec {
  std::string name;
  std::uint32_t baud = 19200;
};

struct ModbusSlaveSpec {
  // Null: the factory default map (config/modbus/factory-default-map.json).
  std::shared_ptr<const modbus::PointMap> map;
  std::string map_file;  // as written in the fleet file, for reports
  // Override the map's "Allow Register Presets" / "Allow Digital Outputs Control".
  std::optional<bool> allow_register_presets;
  std::optional<bool> allow_output_control;

  // Modbus TCP: a listener of its own (loopback), at most 2 sessions (manual L5754).
  bool tcp = false;
  std::string tcp_address = "127.0.0.1";
  std::uint16_t tcp_port = 0;  // 0: an ephemeral port, reported by the control API
  // MBAP unit id this slave answers (255 is always answered too). Default: the RTU
  // address, else 1 (Appendix C "Device Address 1").
  std::optional<std::uint8_t> unit_id;

  // RTU on one of the fleet's buses; address 1-247, auto-assigned when empty.
  std::optional<std::string> rtu_bus;
  std::optional<std::uint8_t> rtu_address;

  // RTU over TCP: the meter behind a terminal server, RTU frames (CRC, address hunting,
  // frame timeout) on a loopback listener of its own. The same 2-session limit as Modbus
  // TCP: the terminal server is one more way into the meter's one slave.
  bool rtu_tcp = false;
  std::string rtu_tcp_address = "127.0.0.1";
  std::uint16_t rtu_tcp_port = 0;  // 0: an ephemeral port, reported by the control API

  modbus::CrcOrder crc_order = modbus::CrcOrder::low_byte_first;  // part6 Q1
  std::uint32_t frame_timeout_ms = 1000;  // L12858-12866: default 1 s, 100-65000
  std::uint32_t turnaround_ms = 5;        // before an RTU answer starts (0-10000)
  FaultSettings faults;

  int line = 0;  // where it was configured, for errors found after parsing

  std::uint8_t effective_unit_id() const {
    if (unit_id) return *unit_id;
    return rtu_address.value_or(1);
  }
  // The Device Address answered over RTU over TCP: the bus address when there is one (it
  // is the same serial port), else the unit id.
  std::uint8_t rtu_tcp_device_address() const { return rtu_address.value_or(effective_unit_id()); }
};

}  // namespace jemhead::sim

template <>
struct jemhead::EnumText<jemhead::sim::FaultMode> {
  using F = sim::FaultMode;
  static constexpr std::array<std::pair<F, std::string_view>, 7> names{{
      {F::none, "none"},
      {F::no_answer, "no_answer"},
      {F::slow, "slow"},
      {F::garbage, "garbage"},
      {F::bad_crc, "bad_crc"},
      {F::drop_connection, "drop_connection"},
      {F::wrong_crc_order, "wrong_crc_order"},
  }};
};
