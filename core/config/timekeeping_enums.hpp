#pragma once
// Enumerations of TIMEKEEPING & SCHEDULED EVENTS (manual L3904-L4210) and their JSON
// spellings.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// Automatic Register Freeze and Automatic Billing Period Reset "can be configured to occur
// hourly, daily, weekly, monthly" (L3924-L3926, L3936-L3938); appendix C: "none"
// (L13534-L13536).
enum class ScheduledEventRecurrence { none, hourly, daily, weekly, monthly };
// PQ Time Offset, Power Quality: "either a UTC Time Zone for PQ or use the Local Time Zone"
// (L4127-L4129).
enum class PqTimeZone { local, utc };
// NTP Ethernet Port Selection: port 6, or port 7 with the dual Ethernet option (L4170-L4174).
enum class NtpEthernetPort { port_6, port_7 };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::ScheduledEventRecurrence> {
  using E = config::ScheduledEventRecurrence;
  static constexpr std::array<std::pair<E, std::string_view>, 5> names{{{E::none, "none"},
                                                                        {E::hourly, "hourly"},
                                                                        {E::daily, "daily"},
                                                                        {E::weekly, "weekly"},
                                                                        {E::monthly, "monthly"}}};
};

template <>
struct EnumText<config::PqTimeZone> {
  using E = config::PqTimeZone;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::local, "local"}, {E::utc, "utc"}}};
};

template <>
struct EnumText<config::NtpEthernetPort> {
  using E = config::NtpEthernetPort;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::port_6, "port_6"}, {E::port_7, "port_7"}}};
};

}  // namespace jemhead
