#include "core/config/communication_rules.hpp"

#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <string>

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

bool is_ipv4_address(std::string_view text) {
  int parts = 0;
  std::size_t pos = 0;
  while (true) {
    const auto dot = text.find('.', pos);
    const auto part = text.substr(pos, dot == std::string_view::npos ? text.npos : dot - pos);
    if (part.empty() || part.size() > 3) return false;
    for (char ch : part)
      if (ch < '0' || ch > '9') return false;
    int n = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), n);
    if (ec != std::errc{} || end != part.data() + part.size() || n > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  return parts == 4;
}

namespace {

enum class PortKind { optical, serial, modem, cell, ethernet };

std::string at(std::string_view a, std::string_view b = {}, std::string_view c = {}) {
  std::string p = child_path("communication", a);
  if (!b.empty()) p = child_path(p, b);
  if (!c.empty()) p = child_path(p, c);
  return p;
}

// Where the manual runs each protocol (see CommProtocol).
bool protocol_allowed(PortKind kind, CommProtocol p) {
  using P = CommProtocol;
  switch (kind) {
    case PortKind::optical: return p == P::binary || p == P::dlms;
    case PortKind::serial: return p != P::iec_61850;
    case PortKind::modem: return p != P::iec_61850 && p != P::iec_102;
    case PortKind::cell: return p == P::binary || p == P::dnp_slave;
    case PortKind::ethernet: return true;
  }
  return false;
}

// `parent` is the port or entry; `field` its protocol field.
void check_protocol(const MeterConfiguration& c, PortKind kind, const std::string& parent,
                    std::string_view field, CommProtocol p, int device_address, Problems& out) {
  const auto path = child_path(parent, field);
  if (!protocol_allowed(kind, p)) {
    std::string msg = "this port cannot run ";
    msg += to_text(p);
    report(out, kCommProtocolForPort, path, std::move(msg));
  }
  if (p == CommProtocol::iec_102 && c.hardware.standard == MeterStandard::ansi)
    report(out, kCommIec102IecMetersOnly, path, "IEC-870-5-102 is included with IEC meters only");
  if (p == CommProtocol::modbus_slave && device_address > 254) {
    std::string msg = "Modbus device addresses are 0-254, not ";
    msg += std::to_string(device_address);
    report(out, kCommModbusDeviceAddress, child_path(parent, "device_address"), std::move(msg));
  }
}

void check_ipv4(const std::string& path, const std::string& value, bool required, Problems& out) {
  if (value.empty() && !required) return;
  if (is_ipv4_address(value)) return;
  std::string msg = "an IPv4 address such as 192.168.250.100, not \"";
  msg += value;
  msg += '"';
  report(out, kCommIpv4Address, path, std::move(msg));
}

// The per-protocol maximum of one Ethernet port (L5747-L5760) or of the cell modem
// (L5683-L5685); 0 = no own limit (the list's count and protocol_for_port apply).
int max_connections(PortKind kind, CommProtocol p) {
  using P = CommProtocol;
  if (kind == PortKind::cell) return p == P::binary || p == P::dnp_slave ? 4 : 0;
  switch (p) {
    case P::binary: return 4;
    case P::modbus_slave: return 2;
    case P::dnp_slave: return 5;
    case P::dlms:
    case P::iec_61850: return 1;
    case P::iec_102: return 0;
  }
  return 0;
}

void check_assignments(const MeterConfiguration& c, PortKind kind, const std::string& path,
                       const std::vector<ProtocolAssignment>& list, Problems& out) {
  std::map<CommProtocol, int> count;
  std::optional<int> binary_port;
  std::map<int, std::size_t> other_ports;  // port number -> first entry using it
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& e = list[i];
    const auto ep = item_path(path, i);
    check_protocol(c, kind, ep, "protocol", e.protocol, e.device_address, out);
    check_ipv4(child_path(ep, "destination_ip_address"), e.destination_ip_address, false, out);
    const int n = ++count[e.protocol];
    const int max = max_connections(kind, e.protocol);
    if (max > 0 && n == max + 1) {
      std::string msg = "at most ";
      msg += std::to_string(max);
      msg += ' ';
      msg += to_text(e.protocol);
      msg += " connections on this port";
      report(out, kCommProtocolConnections, child_path(ep, "protocol"), std::move(msg));
    }
    // JEM Binary connections share one port (L5850-L5852, L5685-L5687); every other
    // connection needs its own (L5826, L5842-L5848).
    const auto port_path = child_path(ep, "port_number");
    if (e.protocol == CommProtocol::binary) {
      if (!binary_port) {
        binary_port = e.port_number;
        if (other_ports.count(e.port_number))
          report(out, kCommProtocolPorts, port_path, "port already used by another protocol");
      } else if (e.port_number != binary_port) {
        std::string msg = "JEM Binary connections share one port: ";
        msg += std::to_string(*binary_port);
        report(out, kCommProtocolPorts, port_path, std::move(msg));
      }
    } else if (e.port_number == binary_port || other_ports.count(e.port_number)) {
      std::string msg = "port ";
      msg += std::to_string(e.port_number);
      msg += " is already used by another connection";
      report(out, kCommProtocolPorts, port_path, std::move(msg));
    } else {
      other_ports[e.port_number] = i;
    }
  }
}

void check_serial_ports(const MeterConfiguration& c, Problems& out) {
  const auto& cm = c.communication;
  const std::array<std::pair<const SerialPort*, std::string_view>, 3> serial{
      {{&cm.serial_port_2, "serial_port_2"},
       {&cm.serial_port_3, "serial_port_3"},
       {&cm.serial_port_4, "serial_port_4"}}};
  int modbus = 0;
  const auto count_modbus = [&](CommProtocol p, const std::string& path) {
    if (p == CommProtocol::modbus_slave && ++modbus == 4)
      report(out, kCommSerialModbusCount, path, "at most 3 concurrent serial MODBUS ports");
  };
  for (const auto& [port, name] : serial) {
    check_protocol(c, PortKind::serial, at(name), "protocol_type", port->protocol_type,
                   port->device_address, out);
    count_modbus(port->protocol_type, at(name, "protocol_type"));
  }
  if (c.hardware.standard == MeterStandard::iec && !(cm.serial_port_2 == SerialPort{}))
    report(out, kCommSerialPort2AnsiOnly, at("serial_port_2"),
           "IEC meters have no port 2: keep its factory defaults");
  if (cm.serial_port_2.comm_mode != CommMode::rs232)
    report(out, kCommSerialPort2Rs232Only, at("serial_port_2", "comm_mode"),
           "port 2 is RS-232 only");

  const auto& modem = cm.internal_modem_port_5;
  check_protocol(c, PortKind::modem, at("internal_modem_port_5"), "protocol_type",
                 modem.protocol_type, modem.device_address, out);
  count_modbus(modem.protocol_type, at("internal_modem_port_5", "protocol_type"));
  if (!c.hardware.options.internal_modem && !(modem == InternalModem{}))
    report(out, kCommInternalModemOption, at("internal_modem_port_5"),
           "no internal modem option: keep the port 5 factory defaults");

  check_protocol(c, PortKind::optical, at("optical_port_1"), "protocol_type",
                 cm.optical_port_1.protocol_type, cm.optical_port_1.device_address, out);
}

void check_advanced(const MeterConfiguration& c, Problems& out) {
  const auto& adv = c.communication.advanced;
  if (firmware_has_5_5_2_features(c.hardware) == false && !(adv == AdvancedSettings{}))
    report(out, kCommAdvancedSettingsFirmware, at("advanced"),
           "Advanced Settings need firmware 5.5.2/6.5.2 or newer");
  const auto server = at("advanced", "dns", "dns_server_1");
  check_ipv4(server, adv.dns.dns_server_1, false, out);
  if (adv.dns.dns_source == DnsSource::manual && adv.dns.dns_server_1.empty())
    report(out, kCommDnsManualServer, server, "a manual DNS source needs DNS Server 1");
  if (adv.dns.dns_source == DnsSource::cellular && !c.hardware.options.cell_modem)
    report(out, kCommDnsCellularNeedsCellModem, at("advanced", "dns", "dns_source"),
           "cellular DNS needs the internal cell modem");
}

void check_cell_modem(const MeterConfiguration& c, Problems& out) {
  const auto& cell = c.communication.cell_modem;
  const bool present = c.hardware.options.cell_modem;
  const bool configured = !(cell == CellModem{});
  if (!present && configured)
    report(out, kCommCellModemOption, at("cell_modem"),
           "no internal cell modem option: keep the cell modem factory defaults");
  if (configured && firmware_has_5_5_2_features(c.hardware) == false)
    report(out, kCommCellModemFirmware, at("cell_modem"),
           "cell modem settings need firmware 5.5.2/6.5.2 or newer");
  // A fitted modem left at its (empty) defaults is unused; once any setting is given it
  // must be usable: an APN and at least one enabled whitelist entry (L5632, L5673).
  const bool in_use = present && configured;
  if (in_use && cell.access_point_name.empty())
    report(out, kCommCellApnRequired, at("cell_modem", "access_point_name"),
           "the APN from the carrier is required for cell modem operation");
  bool any_enabled = false;
  for (std::size_t i = 0; i < cell.whitelisted_ip_addresses.size(); ++i) {
    const auto& w = cell.whitelisted_ip_addresses[i];
    const auto wp = item_path(at("cell_modem", "whitelisted_ip_addresses"), i);
    check_ipv4(child_path(wp, "ip_address"), w.ip_address, true, out);
    check_ipv4(child_path(wp, "subnet"), w.subnet, true, out);
    any_enabled = any_enabled || w.enabled;
  }
  if (in_use && !any_enabled)
    report(out, kCommCellWhitelistEnabledEntry, at("cell_modem", "whitelisted_ip_addresses"),
           "no enabled whitelist entry: nobody can connect (0.0.0.0/0.0.0.0 allows all)");
  check_assignments(c, PortKind::cell, at("cell_modem", "protocols"), cell.protocols, out);
}

void check_ethernet_port(const MeterConfiguration& c, const EthernetPort& p, std::string_view name,
                         Problems& out) {
  check_ipv4(at(name, "ip_address"), p.ip_address, true, out);
  check_ipv4(at(name, "subnet_mask"), p.subnet_mask, true, out);
  check_ipv4(at(name, "default_gateway"), p.default_gateway, true, out);
  const int t = p.binary_port_inactivity_timeout_minutes;
  if (t > 0 && t < 5)
    report(out, kCommBinaryInactivityTimeout, at(name, "binary_port_inactivity_timeout_minutes"),
           "no timeout (0) or 5 to 60 minutes");
  check_assignments(c, PortKind::ethernet, at(name, "protocols"), p.protocols, out);
}

void check_ethernet(const MeterConfiguration& c, Problems& out) {
  const auto& cm = c.communication;
  check_ethernet_port(c, cm.ethernet_port_6, "ethernet_port_6", out);
  check_ethernet_port(c, cm.ethernet_port_7, "ethernet_port_7", out);
  if (!c.hardware.options.dual_ethernet && !(cm.ethernet_port_7 == default_ethernet_port_7()))
    report(out, kCommEthernetPort7Option, at("ethernet_port_7"),
           "no Dual Ethernet option: keep the port 7 factory defaults");
  if (c.hardware.options.dual_ethernet &&
      cm.ethernet_port_6.ip_address == cm.ethernet_port_7.ip_address)
    report(out, kCommEthernetIpAddressesDiffer, at("ethernet_port_7", "ip_address"),
           "ports 6 and 7 need different IP addresses");
}

}  // namespace

std::span<const RuleRef> communication_rule_refs() {
  static constexpr std::array refs{kCommProtocolForPort,
                                   kCommIec102IecMetersOnly,
                                   kCommSerialPort2AnsiOnly,
                                   kCommSerialPort2Rs232Only,
                                   kCommModbusDeviceAddress,
                                   kCommSerialModbusCount,
                                   kCommInternalModemOption,
                                   kCommAdvancedSettingsFirmware,
                                   kCommDnsManualServer,
                                   kCommDnsCellularNeedsCellModem,
                                   kCommIpv4Address,
                                   kCommCellModemOption,
                                   kCommCellModemFirmware,
                                   kCommCellApnRequired,
                                   kCommCellWhitelistEnabledEntry,
                                   kCommProtocolConnections,
                                   kCommProtocolPorts,
                                   kCommEthernetPort7Option,
                                   kCommEthernetIpAddressesDiffer,
                                   kCommBinaryInactivityTimeout};
  return refs;
}

void check_communication_rules(const MeterConfiguration& c, Problems& out) {
  check_serial_ports(c, out);
  check_advanced(c, out);
  check_cell_modem(c, out);
  check_ethernet(c, out);
}

}  // namespace jemhead::config
