#pragma once
// TIMEKEEPING & SCHEDULED EVENTS (manual L3904-L4210): the Timekeeping tab (automatic
// register freeze and billing period reset; its Self Read Registers interval, L3942-L3948,
// is display_registers.self_read_interval, next to the registers it records), the DST Changes
// tab (a table of years and Enable DST) and the Meter Clock Sync tab (sync sources, clock
// pulse output, PQ time offset, NTP). Factory defaults: appendix C (L13530-L13538):
// "Meter Clock Sync: Internal, Auto Register Freeze: none, Auto Billing Period Reset: none,
// DST: not enabled". Values appendix C does not give are chosen in the comments below.
#include <string>
#include <vector>

#include "core/config/field_visitor.hpp"
#include "core/config/time_of_use_enums.hpp"
#include "core/config/timekeeping_enums.hpp"

namespace jemhead::config {

// "You can add a new year (up to 2036)" (L3971); the first year is not given, 2000 chosen.
inline constexpr int kDstFirstYear = 2000;
inline constexpr int kDstLastYear = 2036;

// Automatic Register Freeze / Automatic Billing Period Reset: "the exact time" is entered in
// a group box that is a screenshot (L3918-L3938). The fields are the usual ones for each
// recurrence: minute past the hour (hourly and longer), hour (daily and longer), weekday
// (weekly), day of the month (monthly). Only the fields the recurrence needs are used.
struct ScheduledEvent {
  ScheduledEventRecurrence recurrence = ScheduledEventRecurrence::none;
  int minute = 0;
  int hour = 0;
  CalendarWeekday weekday = CalendarWeekday::sunday;
  int day_of_month = 1;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("recurrence", s.recurrence, Seed{"L3924-L3926, L3936-L3938, L13534-L13536"},
            "none, hourly, daily, weekly or monthly");
    v.field("minute", s.minute, Range{0, 59}, Seed{"L3920, L3932"}, "Minute past the hour, 0-59");
    v.field("hour", s.hour, Range{0, 23}, Seed{"L3920, L3932"},
            "Hour of the day, 0-23 (daily, weekly, monthly)");
    v.field("weekday", s.weekday, Seed{"L3920, L3932"}, "Day of the week (weekly)");
    // The manual gives no limit; 1-28 so that the event happens in every month.
    v.field("day_of_month", s.day_of_month, Range{1, 28}, Seed{"L3920, L3932"},
            "Day of the month, 1-28 (monthly)");
  }
  bool operator==(const ScheduledEvent&) const = default;
};

// A DST start or end. The row's columns are a screenshot; the US table changes at 02:00,
// so whole hours are kept.
struct DstMoment {
  int month = 3;
  int day = 1;
  int hour = 2;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("month", s.month, Range{1, 12}, Seed{"L3971-L3973"}, "Month, 1-12");
    v.field("day", s.day, Range{1, 31}, Seed{"L3971-L3973"},
            "Day of the month; must exist in that year");
    v.field("hour", s.hour, Range{0, 23}, Seed{"L3971-L3973"}, "Hour of the change, 0-23");
  }
  bool operator==(const DstMoment&) const = default;
};

// One year of the DST table (L3953-L3973).
struct DstChange {
  int year = kDstFirstYear;
  DstMoment start;
  DstMoment end{11, 1, 2};

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("year", s.year, Range{kDstFirstYear, kDstLastYear}, Seed{"L3971-L3973"},
            "Year, up to 2036");
    v.section("start", s.start, Seed{"L3953-L3955"}, "When DST begins that year");
    v.section("end", s.end, Seed{"L3953-L3955"}, "When DST ends that year");
  }
  bool operator==(const DstChange&) const = default;
};

// "Multiple time sync selections can be made"; the meter uses the best available in the
// fixed order IRIG-B, NTP, Line Sync, Internal Clock (L4047-L4051), so the priority is not
// a setting. Appendix C: Internal (L13532).
struct ClockSyncSources {
  bool line_frequency = false;
  bool internal = true;
  bool ntp = false;
  bool irig_b = false;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("line_frequency", s.line_frequency, Seed{"L4010-L4012"},
            "Line Frequency: sync to the A-phase line frequency");
    v.field("internal", s.internal, Seed{"L4016-L4022, L13532"},
            "Internal Sync: the crystal oscillator, 0.5 s/day");
    v.field("ntp", s.ntp, Seed{"L4026-L4032"}, "NTP Time Sync (NTP option), UTC");
    v.field("irig_b", s.irig_b, Seed{"L4036-L4043"},
            "IRIG-B external clock, modulated or demodulated");
  }
  bool operator==(const ClockSyncSources&) const = default;
};

// Clock Pulse Output (L4055-L4078): used by a digital output set to Clock Pulse (DIO
// option), whose rules belong to input_output. Appendix C gives no values.
struct ClockPulseOutput {
  int timing_minutes = 60;  // our choice: one pulse an hour
  bool inhibit = false;
  int inhibit_hours = 24;  // our choice: a day without external sync

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("timing_minutes", s.timing_minutes, Range{1, 60}, Seed{"L4062-L4064"},
            "How often the clock pulse occurs, 1-60 minutes, at the top of the minute");
    v.field("inhibit", s.inhibit, Seed{"L4066-L4072"},
            "Stop clock pulses after a loss of external time sync (NTP, IRIG-B)");
    v.field("inhibit_hours", s.inhibit_hours, Range{1, 168}, Seed{"L4066-L4072"},
            "Hours after a loss of time sync before pulses stop, 1-168");
  }
  bool operator==(const ClockPulseOutput&) const = default;
};

// PQ Time Offset (Dual Time Zone) (L4087-L4149). The Timezone entry is a screenshot; it is
// kept as the offset from UTC in minutes (as DLMS's clock keeps it, L14017), in 15-minute
// steps so that every zone in use (e.g. +05:45) fits. Appendix C gives neither value:
// local PQ time (the same as revenue data, L4091-L4093) and UTC+0 chosen.
struct PqTimeOffset {
  PqTimeZone power_quality = PqTimeZone::local;
  int timezone_offset_minutes = 0;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("power_quality", s.power_quality, Seed{"L4127-L4129"},
            "Time zone of power quality data: local (as revenue data) or UTC");
    v.field("timezone_offset_minutes", s.timezone_offset_minutes, Range{-720, 840}, Step{15},
            Seed{"L4133-L4149"}, "Local time zone of the meter: minutes east of UTC, without DST");
  }
  bool operator==(const PqTimeOffset&) const = default;
};

struct NtpServer {
  std::string address;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    // The field is a screenshot; an IPv4/IPv6 address or a host name (the meter has DNS
    // settings, L5327-L5355), at most 64 characters (our choice).
    v.field("address", s.address, MaxLength{64}, Seed{"L4178-L4182"},
            "NTP server: IP address or host name");
  }
  bool operator==(const NtpServer&) const = default;
};

// NTP Time Sync parameters, "for meters equipped with the NTP Option" (L4155-L4210).
struct NtpTimeSync {
  NtpEthernetPort ethernet_port = NtpEthernetPort::port_6;
  std::vector<NtpServer> servers;
  // The manual gives no default for the enable; off (every comparison sets the clock).
  bool time_sync_drift = false;
  int drift_tolerance_ms = 500;
  // No default in the manual; its own example's 10 minutes (L4204-L4206).
  int time_adjust_period_minutes = 10;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.field("ethernet_port", s.ethernet_port, Seed{"L4170-L4174"},
            "Ethernet port to the NTP server: port 6, or port 7 with dual Ethernet");
    v.list("servers", s.servers, Count{0, 3}, Seed{"L4178-L4182"},
           "Up to 3 NTP servers, tried in order (the others are backups)");
    v.field("time_sync_drift", s.time_sync_drift, Seed{"L4186-L4192"},
            "Only set the clock when NTP differs by more than the tolerance");
    v.field("drift_tolerance_ms", s.drift_tolerance_ms, Range{10, 10000},
            Seed{"L4188-L4192, L4795-L4801"}, "Tolerance Ts, 10-10,000 ms (default 500)");
    v.field("time_adjust_period_minutes", s.time_adjust_period_minutes, Range{1, 1440},
            Seed{"L4196-L4200"}, "How often NTP is compared with the clock, 1-1,440 minutes");
  }
  bool operator==(const NtpTimeSync&) const = default;
};

struct Timekeeping {
  ScheduledEvent automatic_register_freeze;
  ScheduledEvent automatic_billing_period_reset;
  // The manual's factory table is "the standard United States DST table" (L3953-L3955),
  // whose years are a screenshot; appendix C has DST not enabled (L13538). The default is
  // an empty table (documents stay small); us_dst_table() builds the US rule's rows.
  bool dst_enabled = false;
  std::vector<DstChange> dst_changes;
  ClockSyncSources meter_clock_sync_source;
  ClockPulseOutput clock_pulse_output;
  PqTimeOffset pq_time_offset;
  NtpTimeSync ntp_time_sync;

  template <class Self, class V>
  static void describe(Self& s, V& v) {
    v.section("automatic_register_freeze", s.automatic_register_freeze, Seed{"L3918-L3926, L13534"},
              "Automatic Register Freeze");
    v.section("automatic_billing_period_reset", s.automatic_billing_period_reset,
              Seed{"L3930-L3938, L13536"}, "Automatic Billing Period Reset");
    v.field("dst_enabled", s.dst_enabled, Seed{"L3987-L3989, L13538"}, "Enable DST");
    v.list("dst_changes", s.dst_changes, Count{0, kDstLastYear - kDstFirstYear + 1},
           Seed{"L3949-L3973"}, "DST table: one row per year, in year order, up to 2036");
    v.section("meter_clock_sync_source", s.meter_clock_sync_source, Seed{"L4001-L4051, L13532"},
              "Meter Clock Sync Source: one or more");
    v.section("clock_pulse_output", s.clock_pulse_output, Seed{"L4055-L4078"},
              "Clock Pulse Output (a DO set to Clock Pulse)");
    v.section("pq_time_offset", s.pq_time_offset, Seed{"L4087-L4149"},
              "PQ Time Offset (Dual Time Zone)");
    v.section("ntp_time_sync", s.ntp_time_sync, Seed{"L4155-L4210"}, "NTP Time Sync (NTP option)");
  }
  bool operator==(const Timekeeping&) const = default;
};

}  // namespace jemhead::config
