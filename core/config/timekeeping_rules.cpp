#include "core/config/timekeeping_rules.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <tuple>

#include "core/config/calendar_date.hpp"
#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

namespace {

constexpr std::array kRules{
    kDstYearsAscending,       kDstDateExists,   kDstStartDiffersFromEnd, kDstEnabledNeedsTable,
    kClockSyncSourceRequired, kNtpSyncOption,   kNtpSyncServer,          kNtpPort7DualEthernet,
    kNtpServersDistinct,      kNtpServerAddress};

bool dst_year_in_range(int y) {
  return y >= kDstFirstYear && y <= kDstLastYear;
}

bool moment_in_range(const DstMoment& m) {
  return m.month >= 1 && m.month <= 12 && m.day >= 1 && m.day <= 31 && m.hour >= 0 && m.hour <= 23;
}

bool is_digit(char ch) {
  return ch >= '0' && ch <= '9';
}
bool is_letter(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}
char lower(char ch) {
  return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
}

// Four dot-separated numbers 0-255 of one to three digits.
bool valid_ipv4(std::string_view a) {
  int parts = 0;
  while (true) {
    const auto dot = a.find('.');
    const auto part = a.substr(0, dot);
    if (part.empty() || part.size() > 3) return false;
    int value = 0;
    for (char ch : part) value = value * 10 + (ch - '0');
    if (value > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    a.remove_prefix(dot + 1);
  }
  return parts == 4;
}

bool valid_server_address(std::string_view a) {
  if (a.empty()) return false;
  bool digits_and_dots = true;
  for (char ch : a) {
    if (!(is_letter(ch) || is_digit(ch) || ch == '.' || ch == '-' || ch == ':')) return false;
    if (!(is_digit(ch) || ch == '.')) digits_and_dots = false;
  }
  return !digits_and_dots || valid_ipv4(a);
}

bool same_address(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

}  // namespace

void check_dst_years_ascending(const Timekeeping& t, const std::string& path, Problems& out) {
  const auto rows = child_path(path, "dst_changes");
  std::optional<int> previous;
  for (std::size_t i = 0; i < t.dst_changes.size(); ++i) {
    const int year = t.dst_changes[i].year;
    if (!dst_year_in_range(year)) continue;
    if (previous && year <= *previous) {
      std::string msg = "year ";
      msg += std::to_string(year);
      msg += " must come after ";
      msg += std::to_string(*previous);
      msg += " (one row per year, in order)";
      report(out, kDstYearsAscending, child_path(item_path(rows, i), "year"), std::move(msg));
      continue;
    }
    previous = year;
  }
}

void check_dst_date_exists(const Timekeeping& t, const std::string& path, Problems& out) {
  const auto rows = child_path(path, "dst_changes");
  for (std::size_t i = 0; i < t.dst_changes.size(); ++i) {
    const auto& row = t.dst_changes[i];
    if (!dst_year_in_range(row.year)) continue;
    for (const auto& [name, m] : {std::tuple{"start", row.start}, std::tuple{"end", row.end}}) {
      if (!moment_in_range(m) || definite_day(row.year, m.month, m.day)) continue;
      report(out, kDstDateExists, child_path(child_path(item_path(rows, i), name), "day"),
             missing_day_text(row.year, m.month, m.day));
    }
  }
}

void check_dst_start_differs_from_end(const Timekeeping& t, const std::string& path,
                                      Problems& out) {
  const auto rows = child_path(path, "dst_changes");
  for (std::size_t i = 0; i < t.dst_changes.size(); ++i) {
    const auto& row = t.dst_changes[i];
    if (!(row.start == row.end) || !moment_in_range(row.start)) continue;
    report(out, kDstStartDiffersFromEnd, child_path(item_path(rows, i), "end"),
           "DST ends when it starts: delete the row for a year without DST");
  }
}

void check_dst_enabled_needs_table(const Timekeeping& t, const std::string& path, Problems& out) {
  if (!t.dst_enabled || !t.dst_changes.empty()) return;
  report(out, kDstEnabledNeedsTable, child_path(path, "dst_enabled"),
         "DST is enabled but the DST table has no years");
}

void check_clock_sync_source_required(const Timekeeping& t, const std::string& path,
                                      Problems& out) {
  const auto& s = t.meter_clock_sync_source;
  if (s.line_frequency || s.internal || s.ntp || s.irig_b) return;
  report(out, kClockSyncSourceRequired, child_path(path, "meter_clock_sync_source"),
         "select at least one clock sync source (Internal is the factory setting)");
}

void check_ntp_sync_option(const Timekeeping& t, const MeterHardware& hw, const std::string& path,
                           Problems& out) {
  if (!t.meter_clock_sync_source.ntp || hw.options.ntp) return;
  report(out, kNtpSyncOption, child_path(child_path(path, "meter_clock_sync_source"), "ntp"),
         "NTP time sync needs the NTP option");
}

void check_ntp_sync_server(const Timekeeping& t, const std::string& path, Problems& out) {
  if (!t.meter_clock_sync_source.ntp || !t.ntp_time_sync.servers.empty()) return;
  report(out, kNtpSyncServer, child_path(child_path(path, "ntp_time_sync"), "servers"),
         "NTP time sync is selected but no NTP server is listed");
}

void check_ntp_port_7_dual_ethernet(const Timekeeping& t, const MeterHardware& hw,
                                    const std::string& path, Problems& out) {
  if (t.ntp_time_sync.ethernet_port != NtpEthernetPort::port_7 || hw.options.dual_ethernet) return;
  report(out, kNtpPort7DualEthernet, child_path(child_path(path, "ntp_time_sync"), "ethernet_port"),
         "port 7 needs the dual Ethernet option");
}

void check_ntp_servers_distinct(const Timekeeping& t, const std::string& path, Problems& out) {
  const auto servers = child_path(child_path(path, "ntp_time_sync"), "servers");
  const auto& list = t.ntp_time_sync.servers;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].address.empty()) continue;  // ntp_server_address reports it
    for (std::size_t j = 0; j < i; ++j) {
      if (!same_address(list[i].address, list[j].address)) continue;
      std::string msg = list[i].address;
      msg += " is already NTP server ";
      msg += std::to_string(j + 1);
      report(out, kNtpServersDistinct, child_path(item_path(servers, i), "address"),
             std::move(msg));
      break;
    }
  }
}

void check_ntp_server_address(const Timekeeping& t, const std::string& path, Problems& out) {
  const auto servers = child_path(child_path(path, "ntp_time_sync"), "servers");
  const auto& list = t.ntp_time_sync.servers;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (valid_server_address(list[i].address)) continue;
    report(out, kNtpServerAddress, child_path(item_path(servers, i), "address"),
           "an IPv4 address (four numbers 0-255), an IPv6 address or a host name");
  }
}

std::span<const RuleRef> timekeeping_rule_refs() {
  return kRules;
}

void check_timekeeping_rules(const MeterConfiguration& c, Problems& out) {
  const std::string path = "timekeeping";
  const auto& t = c.timekeeping;
  check_dst_years_ascending(t, path, out);
  check_dst_date_exists(t, path, out);
  check_dst_start_differs_from_end(t, path, out);
  check_dst_enabled_needs_table(t, path, out);
  check_clock_sync_source_required(t, path, out);
  check_ntp_sync_option(t, c.hardware, path, out);
  check_ntp_sync_server(t, path, out);
  check_ntp_port_7_dual_ethernet(t, c.hardware, path, out);
  check_ntp_servers_distinct(t, path, out);
  check_ntp_server_address(t, path, out);
}

}  // namespace jemhead::config
