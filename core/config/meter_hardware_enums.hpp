#pragma once
// Enumerations of the meter's hardware description and their JSON spellings.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// ANSI and IEC meters differ in ports (port 2 and analog outputs are ANSI only, IEC-102 is
// IEC only) and in digital I/O channels (6 on ANSI, 8 on IEC: L4219-L4235).
enum class MeterStandard { ansi, iec };

}  // namespace jemhead::config

namespace jemhead {
template <>
struct EnumText<config::MeterStandard> {
  static constexpr std::array<std::pair<config::MeterStandard, std::string_view>, 2> names{{
      {config::MeterStandard::ansi, "ansi"},
      {config::MeterStandard::iec, "iec"},
  }};
};
}  // namespace jemhead
