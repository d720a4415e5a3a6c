#pragma once
// Cross-field rules of COMMUNICATION SETUP (manual L4997-L5886), including those that read
// the meter's hardware. Settings of hardware the meter lacks must keep their factory
// defaults: jemhead cannot push them and they would hide a wrong document.
#include <span>
#include <string_view>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

inline constexpr RuleRef kCommProtocolForPort{
    "comm_protocol_for_port", "L5079-L5081, L5129, L5683-L5689, L6437-L6461, L6596-L6611"};
inline constexpr RuleRef kCommIec102IecMetersOnly{"comm_iec_102_iec_meters_only", "L6437-L6439"};
inline constexpr RuleRef kCommSerialPort2AnsiOnly{"comm_serial_port_2_ansi_only", "L5119"};
inline constexpr RuleRef kCommSerialPort2Rs232Only{"comm_serial_port_2_rs232_only", "L5119"};
inline constexpr RuleRef kCommModbusDeviceAddress{"comm_modbus_device_address", "L5181-L5183"};
inline constexpr RuleRef kCommSerialModbusCount{"comm_serial_modbus_count", "L5908-L5916"};
inline constexpr RuleRef kCommInternalModemOption{"comm_internal_modem_option", "L5272-L5309"};
inline constexpr RuleRef kCommAdvancedSettingsFirmware{"comm_advanced_settings_firmware",
                                                       "L5316-L5318"};
inline constexpr RuleRef kCommDnsManualServer{"comm_dns_manual_server", "L5341-L5349"};
inline constexpr RuleRef kCommDnsCellularNeedsCellModem{"comm_dns_cellular_needs_cell_modem",
                                                        "L5343, L5597-L5601"};
inline constexpr RuleRef kCommIpv4Address{"comm_ipv4_address", "L5655-L5671, L5713-L5719"};
inline constexpr RuleRef kCommCellModemOption{"comm_cell_modem_option", "L5597-L5601"};
inline constexpr RuleRef kCommCellModemFirmware{"comm_cell_modem_firmware", "L5693-L5695"};
inline constexpr RuleRef kCommCellApnRequired{"comm_cell_apn_required", "L5618-L5632"};
inline constexpr RuleRef kCommCellWhitelistEnabledEntry{"comm_cell_whitelist_enabled_entry",
                                                        "L5667-L5675"};
inline constexpr RuleRef kCommProtocolConnections{"comm_protocol_connections",
                                                  "L5683-L5685, L5743-L5760"};
inline constexpr RuleRef kCommProtocolPorts{"comm_protocol_ports", "L5685-L5689, L5826-L5852"};
inline constexpr RuleRef kCommEthernetPort7Option{"comm_ethernet_port_7_option",
                                                  "L5696, L5874-L5886"};
inline constexpr RuleRef kCommEthernetIpAddressesDiffer{"comm_ethernet_ip_addresses_differ",
                                                        "L5698-L5700"};
inline constexpr RuleRef kCommBinaryInactivityTimeout{"comm_binary_inactivity_timeout",
                                                      "L5727-L5733"};

// "a.b.c.d" with four decimal parts 0-255.
bool is_ipv4_address(std::string_view text);

// Every rule check_communication_rules applies (for cross_field_rules()).
std::span<const RuleRef> communication_rule_refs();
void check_communication_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config
