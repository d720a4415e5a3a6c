#pragma once
// The meter's privileges as the manual spells them ("Configure Load Profile"), for the
// impact analysis (which privilege writes which section) and for people; JSON uses the
// snake_case names of users_enums.hpp. The groups Master and Configure All Meter Settings
// stand for the privileges they select (expand_privileges).
#include <array>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "core/config/users_enums.hpp"

namespace jemhead::config {

struct PrivilegeInfo {
  Privilege privilege;
  std::string_view name;  // the manual's label, exactly
  std::string_view seed;
  bool configuration;  // selected by Configure All Meter Settings (L7091-L7093)
};

inline constexpr std::array<PrivilegeInfo, 33> kPrivileges{{
    {Privilege::master, "Master", "L7086-L7090", false},
    {Privilege::configure_all_meter_settings, "Configure All Meter Settings", "L7091-L7093", false},
    {Privilege::configure_primary_ptct_settings, "Configure Primary/PTCT Settings", "L389", true},
    {Privilege::configure_display_registers, "Configure Display Registers", "L391", true},
    {Privilege::configure_load_profile, "Configure Load Profile", "L393", true},
    {Privilege::configure_loss_compensation, "Configure Loss Compensation", "L395", true},
    {Privilege::configure_tou_dst_settings, "Configure TOU/DST settings", "L397", true},
    {Privilege::configure_input_output_settings, "Configure Input/Output Settings", "L399", true},
    {Privilege::configure_trigger_settings, "Configure Trigger Settings", "L401", true},
    {Privilege::configure_demand_settings, "Configure Demand Settings", "L403", true},
    {Privilege::configure_transformer_correction, "Configure Transformer Correction", "L405", true},
    {Privilege::firmware_option_upgrade, "Firmware/Option Upgrade", "L407, L5390, L7258", false},
    {Privilege::activate_test_mode, "Activate Test Mode", "L409", false},
    {Privilege::preset_registers, "Preset Registers", "L411", false},
    {Privilege::configure_meter_identification, "Configure Meter Identification", "L419", true},
    {Privilege::configure_communication_settings, "Configure Communication Settings", "L421", true},
    {Privilege::configure_protocol_settings, "Configure Protocol Settings", "L423", true},
    {Privilege::configure_display_settings, "Configure Display Settings", "L425", true},
    {Privilege::configure_user_admin, "Configure User Admin", "L427", true},
    {Privilege::change_password, "Change Password", "L429", false},
    {Privilege::set_time, "Set Time", "L431", false},
    {Privilege::freeze_registers, "Freeze Registers", "L433", false},
    {Privilege::meter_battery_status, "Meter/Battery Status", "L435", false},
    {Privilege::read_triggered_alarms, "Read Triggered Alarms", "L437", false},
    {Privilege::read_display_registers, "Read Display registers", "L439", false},
    {Privilege::read_load_profile, "Read Load Profile", "L441", false},
    {Privilege::read_event_diagnostic_logs, "Read Event/Diagnostic Logs", "L443", false},
    {Privilege::read_security_logs, "Read Security Logs", "L445", false},
    {Privilege::billing_period_reset, "Billing Period Reset", "L2104-L2110, L13892-L13897", false},
    {Privilege::read_all_meter_data, "Read All Meter Data", "L7188-L7190", false},
    {Privilege::configuration_file_access, "Configuration File Access", "L7211-L7227", false},
    {Privilege::read_power_quality, "Read Power Quality", "L5386-L5388, L7252-L7264", false},
    // The text says "enable Protocol and Power Quality settings" (L7155-L7156); the label
    // follows "Configure Protocol Settings". The checklist itself is only a screenshot.
    {Privilege::configure_power_quality_settings, "Configure Power Quality Settings", "L7146-L7158",
     true},
}};

// Every privilege's manual label, in the order above (groups first).
inline std::vector<std::string_view> privilege_names() {
  std::vector<std::string_view> out;
  out.reserve(kPrivileges.size());
  for (const auto& p : kPrivileges) out.push_back(p.name);
  return out;
}

inline std::string_view privilege_name(Privilege p) {
  for (const auto& info : kPrivileges)
    if (info.privilege == p) return info.name;
  return "?";
}

inline std::optional<Privilege> privilege_from_name(std::string_view name) {
  for (const auto& info : kPrivileges)
    if (info.name == name) return info.privilege;
  return std::nullopt;
}

// The individual privileges a selection grants: Master grants every privilege, Configure
// All Meter Settings every configuration privilege (L7086-L7093). Groups stay in the set.
template <class Range>
std::set<Privilege> expand_privileges(const Range& selected) {
  std::set<Privilege> out;
  for (Privilege p : selected) {
    out.insert(p);
    for (const auto& info : kPrivileges) {
      if (p == Privilege::master ||
          (p == Privilege::configure_all_meter_settings && info.configuration))
        out.insert(info.privilege);
    }
  }
  return out;
}

}  // namespace jemhead::config
