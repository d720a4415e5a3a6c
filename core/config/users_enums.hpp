#pragma once
// Privileges of USER MANAGEMENT (manual L7042-L7264) and their JSON spellings. The full
// checklist is a screenshot; these are the names the text gives (see users_privileges.hpp
// for the manual's spelling and where each comes from).
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

enum class Privilege {
  // Groups (L7086-L7093).
  master,
  configure_all_meter_settings,
  // Items the MID security jumper blocks (L389-L411).
  configure_primary_ptct_settings,
  configure_display_registers,
  configure_load_profile,
  configure_loss_compensation,
  configure_tou_dst_settings,
  configure_input_output_settings,
  configure_trigger_settings,
  configure_demand_settings,
  configure_transformer_correction,
  firmware_option_upgrade,
  activate_test_mode,
  preset_registers,
  // Items allowed with the security key installed (L417-L445).
  configure_meter_identification,
  configure_communication_settings,
  configure_protocol_settings,
  configure_display_settings,
  configure_user_admin,
  change_password,
  set_time,
  freeze_registers,
  meter_battery_status,
  read_triggered_alarms,
  read_display_registers,
  read_load_profile,
  read_event_diagnostic_logs,
  read_security_logs,
  // Named elsewhere.
  billing_period_reset,              // L2104-L2110, L13892-L13897
  read_all_meter_data,               // L7188-L7190
  configuration_file_access,         // L7211-L7227
  read_power_quality,                // L5386-L5388, L7252-L7264
  configure_power_quality_settings,  // "Power Quality settings", L7152-L7158 (label inferred)
};

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::Privilege> {
  using E = config::Privilege;
  static constexpr std::array<std::pair<E, std::string_view>, 33> names{{
      {E::master, "master"},
      {E::configure_all_meter_settings, "configure_all_meter_settings"},
      {E::configure_primary_ptct_settings, "configure_primary_ptct_settings"},
      {E::configure_display_registers, "configure_display_registers"},
      {E::configure_load_profile, "configure_load_profile"},
      {E::configure_loss_compensation, "configure_loss_compensation"},
      {E::configure_tou_dst_settings, "configure_tou_dst_settings"},
      {E::configure_input_output_settings, "configure_input_output_settings"},
      {E::configure_trigger_settings, "configure_trigger_settings"},
      {E::configure_demand_settings, "configure_demand_settings"},
      {E::configure_transformer_correction, "configure_transformer_correction"},
      {E::firmware_option_upgrade, "firmware_option_upgrade"},
      {E::activate_test_mode, "activate_test_mode"},
      {E::preset_registers, "preset_registers"},
      {E::configure_meter_identification, "configure_meter_identification"},
      {E::configure_communication_settings, "configure_communication_settings"},
      {E::configure_protocol_settings, "configure_protocol_settings"},
      {E::configure_display_settings, "configure_display_settings"},
      {E::configure_user_admin, "configure_user_admin"},
      {E::change_password, "change_password"},
      {E::set_time, "set_time"},
      {E::freeze_registers, "freeze_registers"},
      {E::meter_battery_status, "meter_battery_status"},
      {E::read_triggered_alarms, "read_triggered_alarms"},
      {E::read_display_registers, "read_display_registers"},
      {E::read_load_profile, "read_load_profile"},
      {E::read_event_diagnostic_logs, "read_event_diagnostic_logs"},
      {E::read_security_logs, "read_security_logs"},
      {E::billing_period_reset, "billing_period_reset"},
      {E::read_all_meter_data, "read_all_meter_data"},
      {E::configuration_file_access, "configuration_file_access"},
      {E::read_power_quality, "read_power_quality"},
      {E::configure_power_quality_settings, "configure_power_quality_settings"},
  }};
};

}  // namespace jemhead
