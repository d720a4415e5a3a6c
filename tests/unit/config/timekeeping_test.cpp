// TIMEKEEPING: factory defaults (appendix C), the US DST table, one table of validation
// cases (scheduled events, DST table up to 2036, clock sync sources, clock pulse, PQ time
// offset, NTP with its option, port 7 and servers), schema coverage.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config_test_support.hpp"
#include "core/config/timekeeping_rules.hpp"
#include "core/config/us_dst_table.hpp"

namespace jemhead::config::test {
namespace {

DstChange dst_row(int year, DstMoment start, DstMoment end) {
  DstChange r;
  r.year = year;
  r.start = start;
  r.end = end;
  return r;
}

std::vector<NtpServer> servers(std::vector<std::string> addresses) {
  std::vector<NtpServer> out;
  for (auto& a : addresses) out.push_back(NtpServer{std::move(a)});
  return out;
}

// An NTP meter whose only clock source is NTP with one server.
void ntp_meter(MeterConfiguration& c) {
  c.hardware.options.ntp = true;
  c.timekeeping.meter_clock_sync_source.internal = false;
  c.timekeeping.meter_clock_sync_source.ntp = true;
  c.timekeeping.ntp_time_sync.servers = servers({"192.0.2.10"});
}

TEST(ConfigTimekeeping, FactoryDefaultsFromAppendixC) {
  const MeterConfiguration c;
  EXPECT_EQ(summary(validate(c)), std::vector<Expected>{});
  const auto& t = c.timekeeping;
  // "Meter Clock Sync: Internal, Auto Register Freeze: none, Auto Billing Period Reset:
  // none, DST: not enabled" (L13532-L13538).
  EXPECT_TRUE(t.meter_clock_sync_source.internal);
  EXPECT_FALSE(t.meter_clock_sync_source.ntp);
  EXPECT_FALSE(t.meter_clock_sync_source.irig_b);
  EXPECT_FALSE(t.meter_clock_sync_source.line_frequency);
  EXPECT_EQ(t.automatic_register_freeze.recurrence, ScheduledEventRecurrence::none);
  EXPECT_EQ(t.automatic_billing_period_reset.recurrence, ScheduledEventRecurrence::none);
  EXPECT_FALSE(t.dst_enabled);
  // Ts defaults to 500 ms (L4799-L4801); port 6 unless port 7 is chosen (L4174).
  EXPECT_EQ(t.ntp_time_sync.drift_tolerance_ms, 500);
  EXPECT_EQ(t.ntp_time_sync.ethernet_port, NtpEthernetPort::port_6);
}

TEST(ConfigTimekeeping, UsDstTableFollowsTheUsRule) {
  const auto rows = us_dst_table(2007, 2036);
  ASSERT_EQ(rows.size(), 30u);
  // 2007: 11 March - 4 November; 2026: 8 March - 1 November; 2036: 9 March - 2 November.
  EXPECT_EQ(rows.front(), dst_row(2007, {3, 11, 2}, {11, 4, 2}));
  EXPECT_EQ(rows[19], dst_row(2026, {3, 8, 2}, {11, 1, 2}));
  EXPECT_EQ(rows.back(), dst_row(2036, {3, 9, 2}, {11, 2, 2}));
  // Years beyond the table's limit are not produced.
  EXPECT_EQ(us_dst_table(2030, 2040).size(), 7u);
}

TEST(ConfigTimekeeping, ValidationTable) {
  const std::string tk = "timekeeping.";
  const std::string dst = tk + "dst_changes";
  const std::string ntp = tk + "ntp_time_sync.";
  const std::string dst_seed = "L3971-L3973";
  const std::string address = "ntp_server_address";
  const std::string address_seed = "L4178-L4182";
  run_cases({
      // Automatic freeze and BPR.
      {"monthly BPR on the 28th at 23:59",
       [](MeterConfiguration& c) {
         auto& bpr = c.timekeeping.automatic_billing_period_reset;
         bpr.recurrence = ScheduledEventRecurrence::monthly;
         bpr.day_of_month = 28;
         bpr.hour = 23;
         bpr.minute = 59;
         c.timekeeping.automatic_register_freeze.recurrence = ScheduledEventRecurrence::weekly;
         c.timekeeping.automatic_register_freeze.weekday = CalendarWeekday::saturday;
       },
       {}},
      {"day 29, hour 24, minute 60",
       [](MeterConfiguration& c) {
         auto& bpr = c.timekeeping.automatic_billing_period_reset;
         bpr.recurrence = ScheduledEventRecurrence::monthly;
         bpr.day_of_month = 29;
         bpr.hour = 24;
         bpr.minute = 60;
       },
       {{tk + "automatic_billing_period_reset.minute", "range", "L3920, L3932"},
        {tk + "automatic_billing_period_reset.hour", "range", "L3920, L3932"},
        {tk + "automatic_billing_period_reset.day_of_month", "range", "L3920, L3932"}}},
      {"freeze day 0",
       [](MeterConfiguration& c) { c.timekeeping.automatic_register_freeze.day_of_month = 0; },
       {{tk + "automatic_register_freeze.day_of_month", "range", "L3920, L3932"}}},

      // DST table.
      {"US table 2000-2036, enabled",
       [](MeterConfiguration& c) {
         c.timekeeping.dst_changes = us_dst_table(2000, 2036);
         c.timekeeping.dst_enabled = true;
       },
       {}},
      {"38 rows",
       [](MeterConfiguration& c) {
         c.timekeeping.dst_changes = us_dst_table(2000, 2036);
         c.timekeeping.dst_changes.push_back(c.timekeeping.dst_changes.back());
       },
       {{dst, "count", "L3949-L3973"}, {dst + "[37].year", "dst_years_ascending", dst_seed}}},
      {"year 2037 and 1999",
       [](MeterConfiguration& c) {
         c.timekeeping.dst_changes = {dst_row(1999, {3, 14, 2}, {11, 7, 2}),
                                      dst_row(2037, {3, 8, 2}, {11, 1, 2})};
       },
       {{dst + "[0].year", "range", dst_seed}, {dst + "[1].year", "range", dst_seed}}},
      {"years out of order",
       [](MeterConfiguration& c) {
         c.timekeeping.dst_changes = {dst_row(2027, {3, 14, 2}, {11, 7, 2}),
                                      dst_row(2026, {3, 8, 2}, {11, 1, 2})};
       },
       {{dst + "[1].year", "dst_years_ascending", dst_seed}}},
      {"a year twice",
       [](MeterConfiguration& c) {
         c.timekeeping.dst_changes = {dst_row(2026, {3, 8, 2}, {11, 1, 2}),
                                      dst_row(2026, {3, 29, 2}, {10, 25, 3})};
       },
       {{dst + "[1].year", "dst_years_ascending", dst_seed}}},
      {"southern hemisphere row: start after end",
       [](MeterConfiguration& c) {
         c.timekeeping.dst_changes = {dst_row(2026, {10, 4, 2}, {4, 5, 3})};
       },
       {}},
      {"29 February 2026 and 31 November",
       [](MeterConfiguration& c) {
         c.timekeeping.dst_changes = {dst_row(2026, {2, 29, 2}, {11, 31, 2})};
       },
       {{dst + "[0].start.day", "dst_date_exists", dst_seed},
        {dst + "[0].end.day", "dst_date_exists", dst_seed}}},
      {"29 February 2028",
       [](MeterConfiguration& c) {
         c.timekeeping.dst_changes = {dst_row(2028, {2, 29, 2}, {11, 5, 2})};
       },
       {}},
      {"month 13, day 32, hour 24",
       [](MeterConfiguration& c) {
         c.timekeeping.dst_changes = {dst_row(2026, {13, 32, 24}, {11, 1, 2})};
       },
       {{dst + "[0].start.month", "range", dst_seed},
        {dst + "[0].start.day", "range", dst_seed},
        {dst + "[0].start.hour", "range", dst_seed}}},
      {"start equals end",
       [](MeterConfiguration& c) {
         c.timekeeping.dst_changes = {dst_row(2026, {3, 8, 2}, {3, 8, 2})};
       },
       {{dst + "[0].end", "dst_start_differs_from_end", "L3953-L3973"}}},
      {"DST enabled without a table",
       [](MeterConfiguration& c) { c.timekeeping.dst_enabled = true; },
       {{tk + "dst_enabled", "dst_enabled_needs_table", "L3987-L3989"}}},

      // Clock sync sources.
      {"no clock sync source",
       [](MeterConfiguration& c) { c.timekeeping.meter_clock_sync_source.internal = false; },
       {{tk + "meter_clock_sync_source", "clock_sync_source_required", "L4001-L4051, L13532"}}},
      {"IRIG-B, line frequency and internal",
       [](MeterConfiguration& c) {
         c.timekeeping.meter_clock_sync_source.irig_b = true;
         c.timekeeping.meter_clock_sync_source.line_frequency = true;
       },
       {}},
      {"NTP meter with one server", ntp_meter, {}},
      {"NTP source without the NTP option",
       [](MeterConfiguration& c) {
         ntp_meter(c);
         c.hardware.options.ntp = false;
       },
       {{tk + "meter_clock_sync_source.ntp", "ntp_sync_option", "L4026-L4028, L4164-L4166"}}},
      {"NTP source without a server",
       [](MeterConfiguration& c) {
         ntp_meter(c);
         c.timekeeping.ntp_time_sync.servers.clear();
       },
       {{ntp + "servers", "ntp_sync_server", "L4026-L4028, L4178-L4182"}}},
      {"servers listed while NTP is not a source",
       [](MeterConfiguration& c) {
         c.timekeeping.ntp_time_sync.servers = servers({"time.example.com"});
       },
       {}},

      // NTP parameters.
      {"port 7 with dual Ethernet",
       [](MeterConfiguration& c) {
         ntp_meter(c);
         c.hardware.options.dual_ethernet = true;
         c.timekeeping.ntp_time_sync.ethernet_port = NtpEthernetPort::port_7;
       },
       {}},
      {"port 7 without dual Ethernet",
       [](MeterConfiguration& c) {
         ntp_meter(c);
         c.timekeeping.ntp_time_sync.ethernet_port = NtpEthernetPort::port_7;
       },
       {{ntp + "ethernet_port", "ntp_port_7_dual_ethernet", "L4170-L4174"}}},
      {"3 servers: IPv4, IPv6, host name",
       [](MeterConfiguration& c) {
         ntp_meter(c);
         c.timekeeping.ntp_time_sync.servers =
             servers({"192.0.2.10", "2001:db8::123", "ntp-1.example.com"});
       },
       {}},
      {"4 servers",
       [](MeterConfiguration& c) {
         ntp_meter(c);
         c.timekeeping.ntp_time_sync.servers =
             servers({"192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13"});
       },
       {{ntp + "servers", "count", "L4178-L4182"}}},
      {"the same server twice (any case)",
       [](MeterConfiguration& c) {
         ntp_meter(c);
         c.timekeeping.ntp_time_sync.servers = servers({"ntp.example.com", "NTP.Example.com"});
       },
       {{ntp + "servers[1].address", "ntp_servers_distinct", "L4180-L4182"}}},
      {"bad addresses",
       [](MeterConfiguration& c) {
         ntp_meter(c);
         c.timekeeping.ntp_time_sync.servers = servers({"", "256.1.1.1", "ntp server"});
       },
       {{ntp + "servers[0].address", address, address_seed},
        {ntp + "servers[1].address", address, address_seed},
        {ntp + "servers[2].address", address, address_seed}}},
      {"three numbers are not an IPv4 address",
       [](MeterConfiguration& c) {
         ntp_meter(c);
         c.timekeeping.ntp_time_sync.servers = servers({"10.0.1"});
       },
       {{ntp + "servers[0].address", address, address_seed}}},
      {"address of 65 characters",
       [](MeterConfiguration& c) {
         ntp_meter(c);
         c.timekeeping.ntp_time_sync.servers = servers({std::string(65, 'a')});
       },
       {{ntp + "servers[0].address", "max_length", address_seed}}},
      {"Ts 10 ms, period 1440 min",
       [](MeterConfiguration& c) {
         c.timekeeping.ntp_time_sync.time_sync_drift = true;
         c.timekeeping.ntp_time_sync.drift_tolerance_ms = 10;
         c.timekeeping.ntp_time_sync.time_adjust_period_minutes = 1440;
       },
       {}},
      {"Ts 10000 ms, period 1 min",
       [](MeterConfiguration& c) {
         c.timekeeping.ntp_time_sync.drift_tolerance_ms = 10000;
         c.timekeeping.ntp_time_sync.time_adjust_period_minutes = 1;
       },
       {}},
      {"Ts 9 ms, period 0",
       [](MeterConfiguration& c) {
         c.timekeeping.ntp_time_sync.drift_tolerance_ms = 9;
         c.timekeeping.ntp_time_sync.time_adjust_period_minutes = 0;
       },
       {{ntp + "drift_tolerance_ms", "range", "L4188-L4192, L4795-L4801"},
        {ntp + "time_adjust_period_minutes", "range", "L4196-L4200"}}},
      {"Ts 10001 ms, period 1441",
       [](MeterConfiguration& c) {
         c.timekeeping.ntp_time_sync.drift_tolerance_ms = 10001;
         c.timekeeping.ntp_time_sync.time_adjust_period_minutes = 1441;
       },
       {{ntp + "drift_tolerance_ms", "range", "L4188-L4192, L4795-L4801"},
        {ntp + "time_adjust_period_minutes", "range", "L4196-L4200"}}},

      // Clock pulse output.
      {"clock pulse 1 min, inhibit 168 h",
       [](MeterConfiguration& c) {
         c.timekeeping.clock_pulse_output.timing_minutes = 1;
         c.timekeeping.clock_pulse_output.inhibit = true;
         c.timekeeping.clock_pulse_output.inhibit_hours = 168;
       },
       {}},
      {"clock pulse 61 min, inhibit 0 h",
       [](MeterConfiguration& c) {
         c.timekeeping.clock_pulse_output.timing_minutes = 61;
         c.timekeeping.clock_pulse_output.inhibit_hours = 0;
       },
       {{tk + "clock_pulse_output.timing_minutes", "range", "L4062-L4064"},
        {tk + "clock_pulse_output.inhibit_hours", "range", "L4066-L4072"}}},
      {"clock pulse 0 min, inhibit 169 h",
       [](MeterConfiguration& c) {
         c.timekeeping.clock_pulse_output.timing_minutes = 0;
         c.timekeeping.clock_pulse_output.inhibit_hours = 169;
       },
       {{tk + "clock_pulse_output.timing_minutes", "range", "L4062-L4064"},
        {tk + "clock_pulse_output.inhibit_hours", "range", "L4066-L4072"}}},

      // PQ time offset.
      {"UTC PQ data, UTC+05:45",
       [](MeterConfiguration& c) {
         c.timekeeping.pq_time_offset.power_quality = PqTimeZone::utc;
         c.timekeeping.pq_time_offset.timezone_offset_minutes = 345;
       },
       {}},
      {"UTC-12:00 and UTC+14:00 are the limits",
       [](MeterConfiguration& c) { c.timekeeping.pq_time_offset.timezone_offset_minutes = -720; },
       {}},
      {"UTC+14:15",
       [](MeterConfiguration& c) { c.timekeeping.pq_time_offset.timezone_offset_minutes = 855; },
       {{tk + "pq_time_offset.timezone_offset_minutes", "range", "L4133-L4149"}}},
      {"UTC-12:15",
       [](MeterConfiguration& c) { c.timekeeping.pq_time_offset.timezone_offset_minutes = -735; },
       {{tk + "pq_time_offset.timezone_offset_minutes", "range", "L4133-L4149"}}},
      {"10 minutes is not a zone",
       [](MeterConfiguration& c) { c.timekeeping.pq_time_offset.timezone_offset_minutes = 10; },
       {{tk + "pq_time_offset.timezone_offset_minutes", "step", "L4133-L4149"}}},
  });
}

TEST(ConfigTimekeeping, RulesAreListedWithTheDocumentRules) {
  EXPECT_EQ(rules_listed_with_document_rules(timekeeping_rule_refs()),
            (std::vector<std::string>{"dst_years_ascending", "dst_date_exists",
                                      "dst_start_differs_from_end", "dst_enabled_needs_table",
                                      "clock_sync_source_required", "ntp_sync_option",
                                      "ntp_sync_server", "ntp_port_7_dual_ethernet",
                                      "ntp_servers_distinct", "ntp_server_address"}));
}

TEST(ConfigTimekeeping, MessagesSayWhatIsWrong) {
  MeterConfiguration c;
  ntp_meter(c);
  c.hardware.options.ntp = false;
  c.timekeeping.ntp_time_sync.ethernet_port = NtpEthernetPort::port_7;
  c.timekeeping.ntp_time_sync.servers = servers({"192.0.2.10", "192.0.2.10", "1.2.3.300"});
  c.timekeeping.dst_changes = {dst_row(2027, {3, 14, 2}, {11, 7, 2}),
                               dst_row(2026, {4, 31, 2}, {4, 31, 2})};
  const auto problems = validate(c);
  const std::string tk = "timekeeping.";
  EXPECT_EQ(message_at(problems, tk + "meter_clock_sync_source.ntp"),
            "NTP time sync needs the NTP option");
  EXPECT_EQ(message_at(problems, tk + "ntp_time_sync.ethernet_port"),
            "port 7 needs the dual Ethernet option");
  EXPECT_EQ(message_at(problems, tk + "ntp_time_sync.servers[1].address"),
            "192.0.2.10 is already NTP server 1");
  EXPECT_EQ(message_at(problems, tk + "ntp_time_sync.servers[2].address"),
            "an IPv4 address (four numbers 0-255), an IPv6 address or a host name");
  EXPECT_EQ(message_at(problems, tk + "dst_changes[1].year"),
            "year 2026 must come after 2027 (one row per year, in order)");
  EXPECT_EQ(message_at(problems, tk + "dst_changes[1].start.day"),
            "day 31 of month 4 does not exist in 2026");
  EXPECT_EQ(message_at(problems, tk + "dst_changes[1].end"),
            "DST ends when it starts: delete the row for a year without DST");
}

TEST(ConfigTimekeeping, JsonUsesTheManualsSpellings) {
  MeterConfiguration c;
  ntp_meter(c);
  c.timekeeping.automatic_register_freeze.recurrence = ScheduledEventRecurrence::daily;
  c.timekeeping.pq_time_offset.power_quality = PqTimeZone::utc;
  c.timekeeping.pq_time_offset.timezone_offset_minutes = -300;
  c.timekeeping.dst_changes = us_dst_table(2026, 2026);
  c.timekeeping.dst_enabled = true;
  const auto doc = to_json(c);
  const auto& tk = doc.at("timekeeping");
  EXPECT_EQ(tk.at("automatic_register_freeze").at("recurrence"), "daily");
  EXPECT_EQ(tk.at("pq_time_offset").at("power_quality"), "utc");
  EXPECT_EQ(tk.at("pq_time_offset").at("timezone_offset_minutes"), -300);
  EXPECT_EQ(tk.at("ntp_time_sync").at("ethernet_port"), "port_6");
  EXPECT_EQ(tk.at("ntp_time_sync").at("servers").at(0).at("address"), "192.0.2.10");
  EXPECT_EQ(tk.at("dst_changes").at(0).at("start").at("day"), 8);
  EXPECT_EQ(tk.at("meter_clock_sync_source").at("ntp"), true);
  const auto back = from_json(doc);
  EXPECT_EQ(summary(back.problems), std::vector<Expected>{});
  EXPECT_EQ(back.config.timekeeping, c.timekeeping);
}

TEST(ConfigTimekeeping, SchemaCoversEveryField) {
  MeterConfiguration c;
  c.timekeeping.dst_changes.resize(1);
  c.timekeeping.ntp_time_sync.servers.resize(1);
  // freeze 5 + BPR 5 + enable DST 1 + DST row (year + 3 + 3) + sync sources 4 + clock
  // pulse 3 + PQ time offset 2 + NTP (port, server address, drift, Ts, period) 5.
  EXPECT_EQ(section_leaves(c, "timekeeping"), 5 + 5 + 1 + 7 + 4 + 3 + 2 + 5);
}

}  // namespace
}  // namespace jemhead::config::test
