#pragma once
// Enumerations that more than one section of the manual uses with the same meaning, so each
// has one spelling table. Section-specific lists stay in <section>_enums.hpp, even where they
// look alike, because their values differ (e.g. the phase and direction lists).
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// Whether a value is shown/recorded in primary units (instrument transformer ratios applied)
// or in secondary units: the display register's Scaling Values (L2979) and the measurement
// log channel's scaling (L3707-L3709, L3765-L3769). The register screen is a screenshot;
// primary/secondary is what the measurement log's same column offers (L3709).
enum class ValueScaling { primary, secondary };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::ValueScaling> {
  using E = config::ValueScaling;
  static constexpr std::array<std::pair<E, std::string_view>, 2> names{
      {{E::primary, "primary"}, {E::secondary, "secondary"}}};
};

}  // namespace jemhead
