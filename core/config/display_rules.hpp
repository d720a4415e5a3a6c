#pragma once
// Cross-field rules of DISPLAY SETUP (manual L6630-L6737), including those that read other
// sections or the meter's hardware.
#include <optional>
#include <span>
#include <string_view>

#include "core/config/config_problem.hpp"

namespace jemhead::config {

struct MeterConfiguration;

// "The file must be in bmp format and sized 150 pixels wide by 35 pixels high" (L6735-L6737).
inline constexpr RuleRef kDisplayLogoBmp150x35{"display_logo_bmp_150x35", "L6731-L6737"};

struct BmpSize {
  long width;
  long height;  // absolute: a negative BMP height only means top-down rows
  bool operator==(const BmpSize&) const = default;
};
// Width and height of a BMP given as base64 (standard alphabet, padded); nullopt when the
// text is not base64 or the bytes are not a BMP.
std::optional<BmpSize> bmp_size_of_base64(std::string_view text);

// Every rule check_display_rules applies (for cross_field_rules()).
std::span<const RuleRef> display_rule_refs();
void check_display_rules(const MeterConfiguration& c, Problems& out);

}  // namespace jemhead::config
