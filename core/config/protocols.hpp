#pragma once
// PROTOCOL SETUP (manual L5887-L6629): the settings and point maps of the protocols a port
// runs (COMMUNICATION SETUP chooses which port runs which). The Modbus and DNP point maps
// and their scaling are what jemhead's drivers read. IEC-870-5-102 (IEC meters, L6435-L6454)
// has its parameters only in a screenshot and appendix G, and is not described.
#include "core/config/dlms_settings.hpp"
#include "core/config/dnp_points.hpp"
#include "core/config/field_visitor.hpp"
#include "core/config/modbus_map.hpp"

namespace jemhead::config {

struct ProtocolSetup {
  ModbusSlave modbus_slave;
  DnpSlave dnp_slave;
  DlmsSettings dlms;
  Iec61850Settings iec_61850;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("modbus_slave", s.modbus_slave, Seed{"L5895-L6131, L13696-L13769"}, "MODBUS Slave");
    v.section("dnp_slave", s.dnp_slave, Seed{"L6132-L6434, L13771-L13860"}, "DNP Slave");
    v.section("dlms", s.dlms, Seed{"L6455-L6593"}, "DLMS");
    v.section("iec_61850", s.iec_61850, Seed{"L6594-L6629"}, "IEC 61850 (Ethernet only)");
  }
  bool operator==(const ProtocolSetup&) const = default;
};

}  // namespace jemhead::config
