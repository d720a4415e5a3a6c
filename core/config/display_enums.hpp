#pragma once
// Enumerations of DISPLAY SETUP (manual L6630-L6737) and their JSON spellings.
#include <array>
#include <string_view>
#include <utility>

#include "core/enum_text.hpp"

namespace jemhead::config {

// Date Format (L6678-L6683): also the date/time format of every meter event and meter data.
enum class DateFormat { mmddyyyy, ddmmyyyy, yyyymmdd };

}  // namespace jemhead::config

namespace jemhead {

template <>
struct EnumText<config::DateFormat> {
  using E = config::DateFormat;
  static constexpr std::array<std::pair<E, std::string_view>, 3> names{
      {{E::mmddyyyy, "mmddyyyy"}, {E::ddmmyyyy, "ddmmyyyy"}, {E::yyyymmdd, "yyyymmdd"}}};
};

}  // namespace jemhead
