#pragma once
// The one spelling of each load-profile interval flag (core/readings.hpp interval_flag),
// used by the REST API's JSON and CSV: bit -> name, in bit order.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/readings.hpp"

namespace jemhead {

inline constexpr std::array<std::pair<std::uint32_t, std::string_view>, 16> kIntervalFlagNames{{
    {interval_flag::power_outage, "power_outage"},
    {interval_flag::time_set, "time_set"},
    {interval_flag::dst_active, "dst_active"},
    {interval_flag::billing_reset, "billing_reset"},
    {interval_flag::partial_interval, "partial_interval"},
    {interval_flag::long_interval, "long_interval"},
    {interval_flag::test_mode, "test_mode"},
    {interval_flag::configuration_change, "configuration_change"},
    {interval_flag::overflow, "overflow"},
    {interval_flag::data_invalid, "data_invalid"},
    {interval_flag::midnight, "midnight"},
    {interval_flag::dst_change, "dst_change"},
    {interval_flag::freeze, "freeze"},
    {interval_flag::register_preset, "register_preset"},
    {interval_flag::recalibration, "recalibration"},
    {interval_flag::diagnostic, "diagnostic"},
}};

// The names of the flags set in `status`, in bit order; bits without a name as "bit_<n>".
inline std::vector<std::string> interval_flag_names(std::uint32_t status) {
  std::vector<std::string> names;
  for (int bit = 0; bit < 32; ++bit) {
    const std::uint32_t mask = 1u << bit;
    if (!(status & mask)) continue;
    std::string name = "bit_" + std::to_string(bit);
    for (const auto& [flag, text] : kIntervalFlagNames)
      if (flag == mask) name = std::string(text);
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace jemhead
