#include "core/config/display_rules.hpp"

#include <array>
#include <cstdint>
#include <string>

#include "core/config/base64.hpp"
#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

namespace {

std::uint32_t le(std::string_view b, std::size_t at, std::size_t bytes) {
  std::uint32_t v = 0;
  for (std::size_t k = 0; k < bytes; ++k)
    v |= std::uint32_t(static_cast<unsigned char>(b[at + k])) << (8 * k);
  return v;
}

}  // namespace

std::optional<BmpSize> bmp_size_of_base64(std::string_view text) {
  const auto bytes = decode_base64(text);
  // File header (14 bytes) then the DIB header, whose first field is its own size.
  if (!bytes || bytes->size() < 26 || (*bytes)[0] != 'B' || (*bytes)[1] != 'M') return std::nullopt;
  const std::string_view b = *bytes;
  const auto dib_size = le(b, 14, 4);
  if (dib_size == 12)  // BITMAPCOREHEADER: 16-bit unsigned width and height
    return BmpSize{long(le(b, 18, 2)), long(le(b, 20, 2))};
  if (dib_size < 40) return std::nullopt;
  const auto width = static_cast<std::int32_t>(le(b, 18, 4));
  const auto height = static_cast<std::int32_t>(le(b, 22, 4));
  return BmpSize{long(width), height < 0 ? -long(height) : long(height)};
}

std::span<const RuleRef> display_rule_refs() {
  static constexpr std::array refs{kDisplayLogoBmp150x35};
  return refs;
}

void check_display_rules(const MeterConfiguration& c, Problems& out) {
  const auto& logo = c.display.logo_bmp_base64;
  if (logo.empty()) return;
  const auto size = bmp_size_of_base64(logo);
  if (!size) {
    report(out, kDisplayLogoBmp150x35, "display.logo_bmp_base64",
           "the logo must be a BMP file in base64");
    return;
  }
  if (size->width == 150 && size->height == 35) return;
  std::string msg = "the logo must be 150 x 35 pixels, not ";
  msg += std::to_string(size->width);
  msg += " x ";
  msg += std::to_string(size->height);
  report(out, kDisplayLogoBmp150x35, "display.logo_bmp_base64", std::move(msg));
}

}  // namespace jemhead::config
