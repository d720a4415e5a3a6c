#pragma once
// COMMUNICATION SETUP (manual L4997-L5886): the meter's logical ports ("Port" is a comm
// channel, not a TCP port): 1 optical, 2-4 serial, 5 internal modem, the cell modem, 6-7
// Ethernet, plus the Advanced Settings they share. Every port is always described; settings
// of hardware the meter lacks (port 2 on IEC meters, modem, cell modem, port 7, advanced
// settings before firmware 5.5.2) must keep their factory defaults (communication_rules).
#include "core/config/advanced_settings.hpp"
#include "core/config/cell_modem.hpp"
#include "core/config/ethernet_port.hpp"
#include "core/config/field_visitor.hpp"
#include "core/config/serial_ports.hpp"

namespace jemhead::config {

struct CommunicationSetup {
  OpticalPort optical_port_1;
  SerialPort serial_port_2;
  SerialPort serial_port_3;
  SerialPort serial_port_4;
  InternalModem internal_modem_port_5;
  AdvancedSettings advanced;
  CellModem cell_modem;
  EthernetPort ethernet_port_6;
  EthernetPort ethernet_port_7 = default_ethernet_port_7();

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("optical_port_1", s.optical_port_1, Seed{"L4999-L5116, L13575-L13581"},
              "Optical (Port 1)");
    v.section("serial_port_2", s.serial_port_2, Seed{"L5117-L5271, L13583-L13595"},
              "RS-232 Serial Port 2 (ANSI meters only)");
    v.section("serial_port_3", s.serial_port_3, Seed{"L5117-L5271, L13597-L13611"},
              "RS-232/485 Serial Port 3");
    v.section("serial_port_4", s.serial_port_4, Seed{"L5117-L5271, L13613-L13627"},
              "RS-232/485 Serial Port 4");
    v.section("internal_modem_port_5", s.internal_modem_port_5, Seed{"L5272-L5309, L13628-L13650"},
              "Internal Analog Modem (Port 5), option");
    v.section("advanced", s.advanced, Seed{"L5310-L5596"},
              "Advanced Settings: DNS, SFTP, TLS, HTTPS (firmware 5.5.2/6.5.2+)");
    v.section("cell_modem", s.cell_modem, Seed{"L5597-L5695"},
              "Internal Cell Modem (ANSI, option, firmware 5.5.2/6.5.2+)");
    v.section("ethernet_port_6", s.ethernet_port_6, Seed{"L5696-L5886, L13652-L13666"},
              "Ethernet 1 (Port 6)");
    v.section("ethernet_port_7", s.ethernet_port_7, Seed{"L5696-L5886, L13670-L13690"},
              "Ethernet 2 (Port 7), Dual Ethernet option");
  }
  bool operator==(const CommunicationSetup&) const = default;
};

}  // namespace jemhead::config
