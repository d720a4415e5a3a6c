#pragma once
// Enumerations of COMMUNICATION SETUP (manual L4997-L5886) and their JSON spellings.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// Protocol Type of a port or of an Ethernet/cell protocol entry. The lists per port are
// screenshots; the manual names where each protocol runs: optical Binary/DLMS (L5079-L5081),
// Modbus and DNP on serial, modem or Ethernet (L5914-L5916, L6134-L6136), IEC-102 on serial
// or Ethernet of IEC meters (L6437-L6447), DLMS on serial, modem or Ethernet (L6457-L6461),
// IEC 61850 on Ethernet only (L6596-L6611), cell modem Binary and DNP (L5683-L5689).
enum class CommProtocol { binary, modbus_slave, dnp_slave, dlms, iec_61850, iec_102 };

// Comm Mode of ports 3 and 4; port 2 is RS-232 only (L5119). The choices are a screenshot;
// appendix C's "RS232" (L13597) and the RS-485 notes (L5235-L5239) name both.
enum class CommMode { rs232, rs485 };

// What an optical/LED energy test pulse follows (L5096-L5098).
enum class TestPulseSource { watt_hours, var_hours };

// DNS Source (L5337-L5343).
enum class DnsSource { disabled, manual, cellular };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::CommProtocol> {
  using E = config::CommProtocol;
  static constexpr std::array<std::pair<E, std::string_view>, 6> names{
      {{E::binary, "binary"},
       {E::modbus_slave, "modbus_slave"},
       {E::dnp_slave, "dnp_slave"},
       {E::dlms, "dlms"},
       {E::iec_61850, "iec_61850"},
       {E::iec_102, "iec_102"}}};
};

template <>
struct EnumText<config::CommMode> {
  using E = config::CommMode;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::rs232, "rs232"}, {E::rs485, "rs485"}}};
};

template <>
struct EnumText<config::TestPulseSource> {
  using E = config::TestPulseSource;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::watt_hours, "watt_hours"}, {E::var_hours, "var_hours"}}};
};

template <>
struct EnumText<config::DnsSource> {
  using E = config::DnsSource;
  static constexpr std::array<std::pair<E, std::string_view>, 3> names{
      {{E::disabled, "disabled"}, {E::manual, "manual"}, {E::cellular, "cellular"}}};
};

}  // namespace jemhead
