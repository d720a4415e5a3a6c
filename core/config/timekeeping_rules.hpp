#pragma once
// Cross-field rules of TIMEKEEPING & SCHEDULED EVENTS (manual L3904-L4210), including those that
// read other sections or the meter's hardware.
#include <span>
#include <string>

#include "core/config/config_problem.hpp"
#include "core/config/meter_hardware.hpp"
#include "core/config/timekeeping.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// The DST table has one row per year (L3971-L3973): years unique and in order.
inline constexpr RuleRef kDstYearsAscending{"dst_years_ascending", "L3971-L3973"};
// A row's start and end are days of its year (31 April, or 29 February of a common year,
// are not).
inline constexpr RuleRef kDstDateExists{"dst_date_exists", "L3971-L3973"};
// A row whose start equals its end has no DST at all: a mistake rather than a choice
// (deleting the row says that).
inline constexpr RuleRef kDstStartDiffersFromEnd{"dst_start_differs_from_end", "L3953-L3973"};
// "Click the Enable DST check box to activate the settings you have just created" (L3987):
// enabled DST needs rows.
inline constexpr RuleRef kDstEnabledNeedsTable{"dst_enabled_needs_table", "L3987-L3989"};
// The meter needs a time source; the manual always has one (Internal by default, L13532)
// and never describes none, so at least one is required.
inline constexpr RuleRef kClockSyncSourceRequired{"clock_sync_source_required",
                                                  "L4001-L4051, L13532"};
// "The NTP option provides a time sync through the Ethernet Port" (L4026); the parameters
// exist "for meters equipped with the NTP Option" (L4164-L4166).
inline constexpr RuleRef kNtpSyncOption{"ntp_sync_option", "L4026-L4028, L4164-L4166"};
// NTP as a source needs a server to ask (L4178-L4182).
inline constexpr RuleRef kNtpSyncServer{"ntp_sync_server", "L4026-L4028, L4178-L4182"};
// "For meters equipped with the dual Ethernet option, you can select either Port 6 or Port
// 7 ... Otherwise Port 6" (L4172-L4174).
inline constexpr RuleRef kNtpPort7DualEthernet{"ntp_port_7_dual_ethernet", "L4170-L4174"};
// "up to 3 different NTP servers" (L4180): no server twice.
inline constexpr RuleRef kNtpServersDistinct{"ntp_servers_distinct", "L4180-L4182"};
// A server is an IP address or a host name (letters, digits, '.', '-', ':'); a dotted
// quad must be a valid IPv4 address.
inline constexpr RuleRef kNtpServerAddress{"ntp_server_address", "L4178-L4182"};

void check_dst_years_ascending(const Timekeeping& t, const std::string& path, Problems& out);
void check_dst_date_exists(const Timekeeping& t, const std::string& path, Problems& out);
void check_dst_start_differs_from_end(const Timekeeping& t, const std::string& path, Problems& out);
void check_dst_enabled_needs_table(const Timekeeping& t, const std::string& path, Problems& out);
void check_clock_sync_source_required(const Timekeeping& t, const std::string& path, Problems& out);
void check_ntp_sync_option(const Timekeeping& t, const MeterHardware& hw, const std::string& path,
                           Problems& out);
void check_ntp_sync_server(const Timekeeping& t, const std::string& path, Problems& out);
void check_ntp_port_7_dual_ethernet(const Timekeeping& t, const MeterHardware& hw,
                                    const std::string& path, Problems& out);
void check_ntp_servers_distinct(const Timekeeping& t, const std::string& path, Problems& out);
void check_ntp_server_address(const Timekeeping& t, const std::string& path, Problems& out);

// Every rule check_timekeeping_rules applies (for cross_field_rules()).
std::span<const RuleRef> timekeeping_rule_refs();
void check_timekeeping_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config
