// COMMUNICATION: factory defaults (appendix C), one table of validation cases, schema coverage.
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "core/config/communication_rules.hpp"

namespace jemhead::config::test {
namespace {

using Change = std::function<void(MeterConfiguration&)>;
using P = CommProtocol;

// Changes applied in order.
Change all(std::vector<Change> changes) {
  return [changes = std::move(changes)](MeterConfiguration& c) {
    for (const auto& f : changes) f(c);
  };
}
Change iec_meter() {
  return [](MeterConfiguration& c) { c.hardware.standard = MeterStandard::iec; };
}
Change firmware(std::string v) {
  return [v = std::move(v)](MeterConfiguration& c) { c.hardware.firmware_version = v; };
}
// A cell modem that may be used: option, APN and an allow-all whitelist entry.
Change working_cell_modem() {
  return [](MeterConfiguration& c) {
    c.hardware.options.cell_modem = true;
    c.communication.cell_modem.access_point_name = "utility.m2m.example";
    c.communication.cell_modem.whitelisted_ip_addresses = {WhitelistEntry{}};
  };
}
Change add_port_6(P protocol, int port) {
  return [=](MeterConfiguration& c) {
    c.communication.ethernet_port_6.protocols.push_back({protocol, port, true, 1, 0, ""});
  };
}
Change add_cell(P protocol, int port) {
  return [=](MeterConfiguration& c) {
    c.communication.cell_modem.protocols.push_back({protocol, port, true, 1, 0, ""});
  };
}

const std::string kComm = "communication.";
const std::string kEth6 = "communication.ethernet_port_6.";
const std::string kCell = "communication.cell_modem.";

TEST(ConfigCommunication, FactoryDefaultsFromAppendixC) {
  const CommunicationSetup s;
  EXPECT_EQ(s.optical_port_1.baud_rate, 9600);
  EXPECT_EQ(s.optical_port_1.protocol_type, CommProtocol::binary);
  EXPECT_EQ(s.optical_port_1.device_address, 1);
  EXPECT_EQ(s.optical_port_1.password_timeout_minutes, 1);
  for (const auto* p : {&s.serial_port_2, &s.serial_port_3, &s.serial_port_4}) {
    EXPECT_EQ(p->comm_mode, CommMode::rs232);
    EXPECT_EQ(p->baud_rate, 19200);
    EXPECT_EQ(p->password_timeout_minutes, 5);
    EXPECT_EQ(p->tx_start_delay_ms + p->tx_end_delay_ms + p->turnaround_delay_ms, 0);
  }
  EXPECT_EQ(s.internal_modem_port_5.baud_rate, 9600);
  EXPECT_EQ(s.internal_modem_port_5.password_timeout_minutes, 10);
  EXPECT_EQ(s.internal_modem_port_5.modem_init_string, "ATV0E0");
  EXPECT_EQ(s.internal_modem_port_5.normal_answer_window.duration_minutes, 1439);
  EXPECT_EQ(s.internal_modem_port_5.normal_answer_window.rings_to_answer, 2);
  EXPECT_EQ(s.internal_modem_port_5.delayed_answer_window.rings_to_answer, 0);
  EXPECT_EQ(s.advanced.sftp_port, 22);
  EXPECT_EQ(s.ethernet_port_6.ip_address, "192.168.250.100");
  EXPECT_EQ(s.ethernet_port_7.ip_address, "192.168.250.101");
  EXPECT_EQ(s.ethernet_port_6.subnet_mask, "255.255.0.0");
  EXPECT_EQ(s.ethernet_port_6.default_gateway, "192.168.250.10");
  EXPECT_FALSE(s.ethernet_port_6.dhcp);
  EXPECT_EQ(s.ethernet_port_6.binary_port_inactivity_timeout_minutes, 0);
  // Modbus 502 and DNP 20000 disabled, four enabled Binary connections on 2001.
  const auto& prot = s.ethernet_port_6.protocols;
  ASSERT_EQ(prot.size(), 6u);
  EXPECT_EQ(prot[0].protocol, CommProtocol::modbus_slave);
  EXPECT_EQ(prot[0].port_number, 502);
  EXPECT_FALSE(prot[0].enabled);
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(prot[i].protocol, CommProtocol::binary);
    EXPECT_EQ(prot[i].port_number, 2001);
    EXPECT_TRUE(prot[i].enabled);
  }
  EXPECT_EQ(prot[5].protocol, CommProtocol::dnp_slave);
  EXPECT_EQ(prot[5].port_number, 20000);
  EXPECT_FALSE(prot[5].enabled);
  EXPECT_EQ(s.ethernet_port_7.protocols, prot);
}

TEST(ConfigCommunication, Ipv4AddressText) {
  for (const char* ok : {"0.0.0.0", "255.255.255.255", "192.0.2.100", "10.0.0.1"})
    EXPECT_TRUE(is_ipv4_address(ok)) << ok;
  for (const char* bad : {"", "256.0.0.0", "1.2.3", "1.2.3.4.5", "a.b.c.d", "1..2.3", " 1.2.3.4",
                          "1.2.3.4 ", "1.2.3.-4", "1234.1.1.1", "1.2.3.4."})
    EXPECT_FALSE(is_ipv4_address(bad)) << bad;
}

TEST(ConfigCommunication, ValidationTable) {
  run_cases({
      {"factory defaults", [](MeterConfiguration&) {}, {}},
      // Optical port (L5077-L5104)
      {"optical 19200 baud, address 0 and 254, timeout 60, DLMS",
       [](MeterConfiguration& c) {
         auto& o = c.communication.optical_port_1;
         o.baud_rate = 19200;
         o.device_address = 254;
         o.password_timeout_minutes = 60;
         o.protocol_type = P::dlms;
       },
       {}},
      {"optical 38400 baud",
       [](MeterConfiguration& c) { c.communication.optical_port_1.baud_rate = 38400; },
       {{kComm + "optical_port_1.baud_rate", "enum", "L5077, L13575"}}},
      {"optical address 255",
       [](MeterConfiguration& c) { c.communication.optical_port_1.device_address = 255; },
       {{kComm + "optical_port_1.device_address", "range", "L5083, L13579"}}},
      {"optical password timeout 0 and 61",
       [](MeterConfiguration& c) {
         c.communication.optical_port_1.password_timeout_minutes = 0;
         c.communication.serial_port_3.password_timeout_minutes = 61;
       },
       {{kComm + "optical_port_1.password_timeout_minutes", "range", "L5085, L13581"},
        {kComm + "serial_port_3.password_timeout_minutes", "range", "L5185-L5191, L13589"}}},
      {"optical Modbus",
       [](MeterConfiguration& c) {
         c.communication.optical_port_1.protocol_type = P::modbus_slave;
       },
       {{kComm + "optical_port_1.protocol_type", "comm_protocol_for_port",
         "L5079-L5081, L5129, L5683-L5689, L6437-L6461, L6596-L6611"}}},
      {"test pulse scaling 0",
       [](MeterConfiguration& c) { c.communication.optical_port_1.test_pulse_scaling = 0; },
       {{kComm + "optical_port_1.test_pulse_scaling", "range", "L5104"}}},
      // Serial ports (L5117-L5271)
      {"port 3 RS-485 at 38400 with 40/40/0 ms",
       [](MeterConfiguration& c) {
         auto& p = c.communication.serial_port_3;
         p.comm_mode = CommMode::rs485;
         p.baud_rate = 38400;
         p.tx_start_delay_ms = 40;
         p.tx_end_delay_ms = 40;
       },
       {}},
      {"serial 4800 baud",
       [](MeterConfiguration& c) { c.communication.serial_port_4.baud_rate = 4800; },
       {{kComm + "serial_port_4.baud_rate", "enum", "L5127, L12603, L13583"}}},
      {"delays 1001 ms and -1",
       [](MeterConfiguration& c) {
         c.communication.serial_port_3.tx_start_delay_ms = 1001;
         c.communication.serial_port_3.tx_end_delay_ms = -1;
         c.communication.serial_port_3.turnaround_delay_ms = 1001;
       },
       {{kComm + "serial_port_3.tx_start_delay_ms", "range", "L5213-L5217"},
        {kComm + "serial_port_3.tx_end_delay_ms", "range", "L5219-L5223"},
        {kComm + "serial_port_3.turnaround_delay_ms", "range", "L5225-L5231"}}},
      {"port 2 RS-485",
       [](MeterConfiguration& c) { c.communication.serial_port_2.comm_mode = CommMode::rs485; },
       {{kComm + "serial_port_2.comm_mode", "comm_serial_port_2_rs232_only", "L5119"}}},
      {"IEC meter keeps port 2 defaults", iec_meter(), {}},
      {"IEC meter with port 2 configured",
       all({iec_meter(),
            [](MeterConfiguration& c) { c.communication.serial_port_2.baud_rate = 9600; }}),
       {{kComm + "serial_port_2", "comm_serial_port_2_ansi_only", "L5119"}}},
      {"IEC-102 on port 3 of an IEC meter",
       all({iec_meter(),
            [](MeterConfiguration& c) {
              c.communication.serial_port_3.protocol_type = P::iec_102;
            }}),
       {}},
      {"IEC-102 on port 3 of an ANSI meter",
       [](MeterConfiguration& c) { c.communication.serial_port_3.protocol_type = P::iec_102; },
       {{kComm + "serial_port_3.protocol_type", "comm_iec_102_iec_meters_only", "L6437-L6439"}}},
      {"IEC 61850 on a serial port",
       [](MeterConfiguration& c) { c.communication.serial_port_4.protocol_type = P::iec_61850; },
       {{kComm + "serial_port_4.protocol_type", "comm_protocol_for_port",
         "L5079-L5081, L5129, L5683-L5689, L6437-L6461, L6596-L6611"}}},
      {"serial Modbus address 254, DNP address 65519",
       [](MeterConfiguration& c) {
         c.communication.serial_port_3.protocol_type = P::modbus_slave;
         c.communication.serial_port_3.device_address = 254;
         c.communication.serial_port_4.protocol_type = P::dnp_slave;
         c.communication.serial_port_4.device_address = 65519;
       },
       {}},
      {"serial Modbus address 255",
       [](MeterConfiguration& c) {
         c.communication.serial_port_3.protocol_type = P::modbus_slave;
         c.communication.serial_port_3.device_address = 255;
       },
       {{kComm + "serial_port_3.device_address", "comm_modbus_device_address", "L5181-L5183"}}},
      {"serial address 65520",
       [](MeterConfiguration& c) { c.communication.serial_port_3.device_address = 65520; },
       {{kComm + "serial_port_3.device_address", "range", "L5177-L5183, L5249"}}},
      {"Modbus on three serial ports",
       [](MeterConfiguration& c) {
         c.communication.serial_port_2.protocol_type = P::modbus_slave;
         c.communication.serial_port_3.protocol_type = P::modbus_slave;
         c.communication.serial_port_4.protocol_type = P::modbus_slave;
       },
       {}},
      {"Modbus on three serial ports and the modem",
       [](MeterConfiguration& c) {
         c.hardware.options.internal_modem = true;
         c.communication.serial_port_2.protocol_type = P::modbus_slave;
         c.communication.serial_port_3.protocol_type = P::modbus_slave;
         c.communication.serial_port_4.protocol_type = P::modbus_slave;
         c.communication.internal_modem_port_5.protocol_type = P::modbus_slave;
       },
       {{kComm + "internal_modem_port_5.protocol_type", "comm_serial_modbus_count",
         "L5908-L5916"}}},
      // Internal modem (L5272-L5309)
      {"modem configured with the option",
       [](MeterConfiguration& c) {
         c.hardware.options.internal_modem = true;
         c.communication.internal_modem_port_5.modem_init_string = "ATV0E0S0=2";
         c.communication.internal_modem_port_5.normal_answer_window.start_minute = 1439;
       },
       {}},
      {"modem configured without the option",
       [](MeterConfiguration& c) {
         c.communication.internal_modem_port_5.modem_init_string = "ATV0E0S0=2";
       },
       {{kComm + "internal_modem_port_5", "comm_internal_modem_option", "L5272-L5309"}}},
      {"modem limits",
       [](MeterConfiguration& c) {
         c.hardware.options.internal_modem = true;
         auto& m = c.communication.internal_modem_port_5;
         m.modem_init_string = std::string(41, 'A');
         m.normal_answer_window.rings_to_answer = 16;
         m.normal_answer_window.start_minute = 1440;
         m.delayed_answer_window.duration_minutes = 1441;
       },
       {{kComm + "internal_modem_port_5.modem_init_string", "max_length", "L5299, L13636"},
        {kComm + "internal_modem_port_5.normal_answer_window.start_minute", "range", "L13640"},
        {kComm + "internal_modem_port_5.normal_answer_window.rings_to_answer", "range",
         "L13644, L13650"},
        {kComm + "internal_modem_port_5.delayed_answer_window.duration_minutes", "range",
         "L13642"}}},
      {"IEC-102 on the modem",
       all({iec_meter(),
            [](MeterConfiguration& c) {
              c.hardware.options.internal_modem = true;
              c.communication.internal_modem_port_5.protocol_type = P::iec_102;
            }}),
       {{kComm + "internal_modem_port_5.protocol_type", "comm_protocol_for_port",
         "L5079-L5081, L5129, L5683-L5689, L6437-L6461, L6596-L6611"}}},
      // Advanced settings (L5310-L5596)
      {"advanced settings on 5.5.2, 6.5.2 and unknown firmware",
       [](MeterConfiguration& c) {
         c.communication.advanced.sftp_enabled = true;
         c.communication.advanced.binary_tls_enabled = true;
         c.communication.advanced.https_enabled = true;
         c.hardware.firmware_version = "5.5.2";
       },
       {}},
      {"advanced settings on 6.5.2",
       all({firmware("6.5.2"),
            [](MeterConfiguration& c) { c.communication.advanced.sftp_enabled = true; }}),
       {}},
      {"advanced settings on 5.5.1",
       all({firmware("5.5.1"),
            [](MeterConfiguration& c) { c.communication.advanced.sftp_enabled = true; }}),
       {{kComm + "advanced", "comm_advanced_settings_firmware", "L5316-L5318"}}},
      {"advanced defaults on old firmware", firmware("4.0.0"), {}},
      {"manual DNS with a server",
       [](MeterConfiguration& c) {
         c.communication.advanced.dns.dns_source = DnsSource::manual;
         c.communication.advanced.dns.dns_server_1 = "10.1.2.3";
         c.communication.advanced.dns.search = "grid.example";
       },
       {}},
      {"manual DNS without a server",
       [](MeterConfiguration& c) { c.communication.advanced.dns.dns_source = DnsSource::manual; },
       {{kComm + "advanced.dns.dns_server_1", "comm_dns_manual_server", "L5341-L5349"}}},
      {"DNS server not an address",
       [](MeterConfiguration& c) { c.communication.advanced.dns.dns_server_1 = "10.1.2"; },
       {{kComm + "advanced.dns.dns_server_1", "comm_ipv4_address", "L5655-L5671, L5713-L5719"}}},
      {"cellular DNS without a cell modem",
       [](MeterConfiguration& c) { c.communication.advanced.dns.dns_source = DnsSource::cellular; },
       {{kComm + "advanced.dns.dns_source", "comm_dns_cellular_needs_cell_modem",
         "L5343, L5597-L5601"}}},
      {"cellular DNS with a cell modem",
       all({working_cell_modem(),
            [](MeterConfiguration& c) {
              c.communication.advanced.dns.dns_source = DnsSource::cellular;
            }}),
       {}},
      {"SFTP port 0",
       [](MeterConfiguration& c) { c.communication.advanced.sftp_port = 0; },
       {{kComm + "advanced.sftp_port", "range", "L5369-L5371, L5799-L5810"}}},
      // Cell modem (L5597-L5695)
      {"working cell modem with 4 Binary on one port and 4 DNP on their own",
       all({working_cell_modem(), add_cell(P::binary, 2001), add_cell(P::binary, 2001),
            add_cell(P::binary, 2001), add_cell(P::binary, 2001), add_cell(P::dnp_slave, 20000),
            add_cell(P::dnp_slave, 20001), add_cell(P::dnp_slave, 20002),
            add_cell(P::dnp_slave, 20003),
            [](MeterConfiguration& c) {
              c.communication.cell_modem.inactivity_timeout_minutes = 30;
            }}),
       {}},
      {"cell modem fitted but unused",
       [](MeterConfiguration& c) { c.hardware.options.cell_modem = true; },
       {}},
      {"cell modem set up without APN and whitelist",
       all({add_cell(P::binary, 2001),
            [](MeterConfiguration& c) { c.hardware.options.cell_modem = true; }}),
       {{kCell + "access_point_name", "comm_cell_apn_required", "L5618-L5632"},
        {kCell + "whitelisted_ip_addresses", "comm_cell_whitelist_enabled_entry", "L5667-L5675"}}},
      {"cell whitelist with only a disabled entry",
       all({working_cell_modem(),
            [](MeterConfiguration& c) {
              c.communication.cell_modem.whitelisted_ip_addresses[0].enabled = false;
            }}),
       {{kCell + "whitelisted_ip_addresses", "comm_cell_whitelist_enabled_entry", "L5667-L5675"}}},
      {"cell whitelist address 300.1.1.1",
       all({working_cell_modem(),
            [](MeterConfiguration& c) {
              c.communication.cell_modem.whitelisted_ip_addresses[0].ip_address = "300.1.1.1";
            }}),
       {{kCell + "whitelisted_ip_addresses[0].ip_address", "comm_ipv4_address",
         "L5655-L5671, L5713-L5719"}}},
      {"cell settings without the option",
       [](MeterConfiguration& c) { c.communication.cell_modem.access_point_name = "apn"; },
       {{kComm + "cell_modem", "comm_cell_modem_option", "L5597-L5601"}}},
      {"cell modem on firmware 5.4.9",
       all({working_cell_modem(), firmware("5.4.9")}),
       {{kComm + "cell_modem", "comm_cell_modem_firmware", "L5693-L5695"}}},
      {"cell inactivity timeout 25",
       all({working_cell_modem(),
            [](MeterConfiguration& c) {
              c.communication.cell_modem.inactivity_timeout_minutes = 25;
            }}),
       {{kCell + "inactivity_timeout_minutes", "enum", "L5612-L5614"}}},
      {"five Binary connections on the cell modem",
       all({working_cell_modem(), add_cell(P::binary, 2001), add_cell(P::binary, 2001),
            add_cell(P::binary, 2001), add_cell(P::binary, 2001), add_cell(P::binary, 2001)}),
       {{kCell + "protocols[4].protocol", "comm_protocol_connections",
         "L5683-L5685, L5743-L5760"}}},
      {"nine cell connections",
       all({working_cell_modem(), add_cell(P::binary, 2001), add_cell(P::binary, 2001),
            add_cell(P::binary, 2001), add_cell(P::binary, 2001), add_cell(P::dnp_slave, 20000),
            add_cell(P::dnp_slave, 20001), add_cell(P::dnp_slave, 20002),
            add_cell(P::dnp_slave, 20003), add_cell(P::dnp_slave, 20004)}),
       {{kCell + "protocols", "count", "L5681-L5689"},
        {kCell + "protocols[8].protocol", "comm_protocol_connections",
         "L5683-L5685, L5743-L5760"}}},
      {"Modbus on the cell modem",
       all({working_cell_modem(), add_cell(P::modbus_slave, 502)}),
       {{kCell + "protocols[0].protocol", "comm_protocol_for_port",
         "L5079-L5081, L5129, L5683-L5689, L6437-L6461, L6596-L6611"}}},
      {"cell Binary connections on two ports",
       all({working_cell_modem(), add_cell(P::binary, 2001), add_cell(P::binary, 2002)}),
       {{kCell + "protocols[1].port_number", "comm_protocol_ports", "L5685-L5689, L5826-L5852"}}},
      // Ethernet (L5696-L5886)
      {"Binary inactivity timeout 5 and 60",
       [](MeterConfiguration& c) {
         c.communication.ethernet_port_6.binary_port_inactivity_timeout_minutes = 5;
       },
       {}},
      {"Binary inactivity timeout 4 and 61",
       [](MeterConfiguration& c) {
         c.communication.ethernet_port_6.binary_port_inactivity_timeout_minutes = 4;
         c.communication.ethernet_port_7.binary_port_inactivity_timeout_minutes = 61;
       },
       {{kComm + "ethernet_port_7.binary_port_inactivity_timeout_minutes", "range", "L5721-L5741"},
        {kEth6 + "binary_port_inactivity_timeout_minutes", "comm_binary_inactivity_timeout",
         "L5727-L5733"},
        {kComm + "ethernet_port_7", "comm_ethernet_port_7_option", "L5696, L5874-L5886"}}},
      {"Ethernet addresses not IPv4",
       [](MeterConfiguration& c) {
         c.communication.ethernet_port_6.ip_address = "192.0.2";
         c.communication.ethernet_port_6.subnet_mask = "";
         c.communication.ethernet_port_6.default_gateway = "gateway";
       },
       {{kEth6 + "ip_address", "comm_ipv4_address", "L5655-L5671, L5713-L5719"},
        {kEth6 + "subnet_mask", "comm_ipv4_address", "L5655-L5671, L5713-L5719"},
        {kEth6 + "default_gateway", "comm_ipv4_address", "L5655-L5671, L5713-L5719"}}},
      {"12 connections: 4 Binary, 2 Modbus, 5 DNP, 1 DLMS",
       all({add_port_6(P::modbus_slave, 503), add_port_6(P::dnp_slave, 20001),
            add_port_6(P::dnp_slave, 20002), add_port_6(P::dnp_slave, 20003),
            add_port_6(P::dnp_slave, 20004), add_port_6(P::dlms, 4059)}),
       {}},
      {"13 connections",
       all({add_port_6(P::modbus_slave, 503), add_port_6(P::dnp_slave, 20001),
            add_port_6(P::dnp_slave, 20002), add_port_6(P::dnp_slave, 20003),
            add_port_6(P::dnp_slave, 20004), add_port_6(P::dlms, 4059),
            add_port_6(P::iec_61850, 102)}),
       {{kEth6 + "protocols", "count", "L5742-L5795, L13660-L13666"}}},
      {"third Modbus TCP connection",
       all({add_port_6(P::modbus_slave, 503), add_port_6(P::modbus_slave, 504)}),
       {{kEth6 + "protocols[7].protocol", "comm_protocol_connections",
         "L5683-L5685, L5743-L5760"}}},
      {"fifth Binary, sixth DNP, second DLMS and IEC 61850",
       all({add_port_6(P::binary, 2001), add_port_6(P::dnp_slave, 20001),
            add_port_6(P::dnp_slave, 20002), add_port_6(P::dnp_slave, 20003),
            add_port_6(P::dnp_slave, 20004), add_port_6(P::dnp_slave, 20005),
            [](MeterConfiguration& c) {
              auto& p = c.communication.ethernet_port_7.protocols;
              p = {{P::dlms, 4059, true, 1, 0, ""},
                   {P::dlms, 4060, true, 1, 0, ""},
                   {P::iec_61850, 102, true, 1, 0, ""},
                   {P::iec_61850, 103, true, 1, 0, ""}};
              c.hardware.options.dual_ethernet = true;
            }}),
       {{kEth6 + "protocols[6].protocol", "comm_protocol_connections", "L5683-L5685, L5743-L5760"},
        {kEth6 + "protocols[11].protocol", "comm_protocol_connections", "L5683-L5685, L5743-L5760"},
        {kComm + "ethernet_port_7.protocols[1].protocol", "comm_protocol_connections",
         "L5683-L5685, L5743-L5760"},
        {kComm + "ethernet_port_7.protocols[3].protocol", "comm_protocol_connections",
         "L5683-L5685, L5743-L5760"}}},
      {"Binary on a second port; DNP on the Binary and the Modbus port",
       all({[](MeterConfiguration& c) {
              c.communication.ethernet_port_6.protocols[4].port_number = 2002;
            },
            add_port_6(P::dnp_slave, 2001), add_port_6(P::dnp_slave, 502)}),
       {{kEth6 + "protocols[4].port_number", "comm_protocol_ports", "L5685-L5689, L5826-L5852"},
        {kEth6 + "protocols[6].port_number", "comm_protocol_ports", "L5685-L5689, L5826-L5852"},
        {kEth6 + "protocols[7].port_number", "comm_protocol_ports", "L5685-L5689, L5826-L5852"}}},
      {"Binary listed after another protocol on its port",
       [](MeterConfiguration& c) {
         c.communication.ethernet_port_6.protocols = {{P::dnp_slave, 2001, true, 1, 0, ""},
                                                      {P::binary, 2001, true, 1, 0, ""}};
       },
       {{kEth6 + "protocols[1].port_number", "comm_protocol_ports", "L5685-L5689, L5826-L5852"}}},
      {"port number 0, destination IP, Modbus TCP address 255",
       [](MeterConfiguration& c) {
         auto& p = c.communication.ethernet_port_6.protocols;
         p[0].device_address = 255;
         p[1].port_number = 0;
         p[5].destination_ip_address = "master";
       },
       {{kEth6 + "protocols[1].port_number", "range", "L5820-L5862"},
        {kEth6 + "protocols[0].device_address", "comm_modbus_device_address", "L5181-L5183"},
        {kEth6 + "protocols[2].port_number", "comm_protocol_ports", "L5685-L5689, L5826-L5852"},
        {kEth6 + "protocols[3].port_number", "comm_protocol_ports", "L5685-L5689, L5826-L5852"},
        {kEth6 + "protocols[4].port_number", "comm_protocol_ports", "L5685-L5689, L5826-L5852"},
        {kEth6 + "protocols[5].destination_ip_address", "comm_ipv4_address",
         "L5655-L5671, L5713-L5719"}}},
      {"destination IP given",
       [](MeterConfiguration& c) {
         c.communication.ethernet_port_6.protocols[5].destination_ip_address = "10.0.0.9";
       },
       {}},
      {"port 7 configured with Dual Ethernet",
       [](MeterConfiguration& c) {
         c.hardware.options.dual_ethernet = true;
         c.communication.ethernet_port_7.ip_address = "10.0.0.7";
       },
       {}},
      {"port 7 configured without Dual Ethernet",
       [](MeterConfiguration& c) { c.communication.ethernet_port_7.ip_address = "10.0.0.7"; },
       {{kComm + "ethernet_port_7", "comm_ethernet_port_7_option", "L5696, L5874-L5886"}}},
      {"both Ethernet ports on one address",
       [](MeterConfiguration& c) {
         c.hardware.options.dual_ethernet = true;
         c.communication.ethernet_port_6.ip_address = "192.0.2.100";
         c.communication.ethernet_port_7.ip_address = "192.0.2.100";
       },
       {{kComm + "ethernet_port_7.ip_address", "comm_ethernet_ip_addresses_differ",
         "L5698-L5700"}}},
  });
}

TEST(ConfigCommunication, RulesAreListed) {
  const auto refs = communication_rule_refs();
  EXPECT_EQ(refs.size(), 20u);
  for (const auto& r : refs) {
    EXPECT_EQ(r.name.substr(0, 5), "comm_") << r.name;
    EXPECT_FALSE(r.seed.empty()) << r.name;
  }
}

TEST(ConfigCommunication, SchemaCoversEveryField) {
  MeterConfiguration c;
  // One entry in each list: whitelist (3 leaves), cell protocols (6), Ethernet protocols (6).
  c.communication.cell_modem.whitelisted_ip_addresses = {WhitelistEntry{}};
  c.communication.cell_modem.protocols = {ProtocolAssignment{}};
  c.communication.ethernet_port_6.protocols.resize(1);
  c.communication.ethernet_port_7.protocols.resize(1);
  // optical 7 + serial 3 x 8 + modem 5 + 2 x 3 + advanced 3 + 4 + cell 2 + 3 + 6
  // + Ethernet 2 x (5 + 6)
  EXPECT_EQ(section_leaves(c, "communication"), 82);
}

}  // namespace
}  // namespace jemhead::config::test
