#pragma once
// COMMUNICATION SETUP, Ethernet ports 6 and 7 (L5696-L5886) and the protocol entries they
// share with the cell modem. Factory defaults: appendix C (L13652-L13690).
#include <string>
#include <vector>

#include "core/config/communication_enums.hpp"
#include "core/config/field_visitor.hpp"

namespace jemhead::config {

// One simultaneous connection: "add the same protocol multiple times" (L5764-L5770). The
// port number is a TCP port.
struct ProtocolAssignment {
  CommProtocol protocol = CommProtocol::binary;
  int port_number = 2001;
  bool enabled = true;
  // Device Address, Destination Address and Destination IP Address "are protocol
  // specific" (L5866-L5868) and have no stated range; 0-65519 is DNP3's address space.
  int device_address = 1;
  int destination_address = 0;
  std::string destination_ip_address;  // IPv4, empty when not used

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("protocol", s.protocol, Seed{"L5747-L5760"}, "Protocol of this connection");
    v.field("port_number", s.port_number, Range{1, 65535}, Seed{"L5820-L5862"},
            "TCP port; Binary entries share one, other protocols need their own");
    v.field("enabled", s.enabled, Seed{"L5787-L5795"},
            "Enable: a disabled protocol's firmware does not run");
    v.field("device_address", s.device_address, Range{0, 65519}, Seed{"L5866-L5868"},
            "Device Address (protocol specific; Modbus 0-254)");
    v.field("destination_address", s.destination_address, Range{0, 65519}, Seed{"L5866-L5868"},
            "Destination Address (protocol specific)");
    v.field("destination_ip_address", s.destination_ip_address, MaxLength{15}, Seed{"L5866-L5868"},
            "Destination IP Address (protocol specific), IPv4 or empty");
  }
  bool operator==(const ProtocolAssignment&) const = default;
};

// Appendix C lists one Binary entry on 2001 per port, but "the default config provides all
// 4 connections" (L5774-L5778), so the defaults hold four. Its "Port 2000: DNP" for port 6
// (L13666) is read as the 20000 of port 7 (L13688) and of the port table (L5833).
inline std::vector<ProtocolAssignment> default_ethernet_protocols() {
  return {
      {CommProtocol::modbus_slave, 502, false, 1, 0, ""},
      {CommProtocol::binary, 2001, true, 1, 0, ""},
      {CommProtocol::binary, 2001, true, 1, 0, ""},
      {CommProtocol::binary, 2001, true, 1, 0, ""},
      {CommProtocol::binary, 2001, true, 1, 0, ""},
      {CommProtocol::dnp_slave, 20000, false, 1, 0, ""},
  };
}

struct EthernetPort {
  bool dhcp = false;
  std::string ip_address = "192.168.250.100";
  std::string subnet_mask = "255.255.0.0";
  std::string default_gateway = "192.168.250.10";
  // 0 = no timeout (the default), else 5-60 minutes (rule comm_binary_inactivity_timeout).
  int binary_port_inactivity_timeout_minutes = 0;
  std::vector<ProtocolAssignment> protocols = default_ethernet_protocols();

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("dhcp", s.dhcp, Seed{"L5709-L5711, L13652"},
            "DHCP (normally disabled: the meter's address must be known)");
    v.field("ip_address", s.ip_address, MaxLength{15}, Seed{"L5713-L5715, L13654"},
            "IP Address (IPv4), unique on the network");
    v.field("subnet_mask", s.subnet_mask, MaxLength{15}, Seed{"L5717, L13656"}, "Subnet Mask");
    v.field("default_gateway", s.default_gateway, MaxLength{15}, Seed{"L5719, L13658"},
            "Default Gateway");
    v.field("binary_port_inactivity_timeout_minutes", s.binary_port_inactivity_timeout_minutes,
            Range{0, 60}, Seed{"L5721-L5741"},
            "Binary Port Inactivity Timeout: 0 = no timeout, else 5-60 minutes");
    v.list("protocols", s.protocols, Count{0, 12}, Seed{"L5742-L5795, L13660-L13666"},
           "Protocol assignments: up to 12 simultaneous connections");
  }
  bool operator==(const EthernetPort&) const = default;
};

inline EthernetPort default_ethernet_port_7() {
  EthernetPort p;
  p.ip_address = "192.168.250.101";  // L13672
  return p;
}

}  // namespace jemhead::config
