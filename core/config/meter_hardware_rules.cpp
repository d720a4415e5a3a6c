#include "core/config/meter_hardware_rules.hpp"

#include <array>
#include <charconv>

#include "core/config/meter_configuration.hpp"

namespace jemhead::config {

std::optional<std::array<int, 3>> firmware_numbers(const MeterHardware& hw) {
  const std::string_view text = hw.firmware_version;
  if (text.empty()) return std::nullopt;
  std::array<int, 3> out{0, 0, 0};
  std::size_t part = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (true) {
    if (part == out.size()) return std::nullopt;
    auto [next, ec] = std::from_chars(p, end, out[part]);
    if (ec != std::errc{} || next == p) return std::nullopt;
    ++part;
    if (next == end) break;
    if (*next != '.') return std::nullopt;
    p = next + 1;
  }
  return out;
}

std::optional<bool> firmware_has_5_5_2_features(const MeterHardware& hw) {
  const auto v = firmware_numbers(hw);
  if (!v) return std::nullopt;
  const auto [major, minor, patch] = *v;
  if (major < 5) return false;
  if (major > 6) return true;
  return minor > 5 || (minor == 5 && patch >= 2);
}

std::span<const RuleRef> meter_hardware_rule_refs() {
  static constexpr std::array refs{kFirmwareVersionFormat, kAnsiOnlyOption};
  return refs;
}

void check_meter_hardware_rules(const MeterConfiguration& c, Problems& out) {
  const auto& hw = c.hardware;
  if (!hw.firmware_version.empty() && !firmware_numbers(hw))
    report(out, kFirmwareVersionFormat, "hardware.firmware_version",
           "firmware version must be numbers separated by dots, e.g. 5.5.2");
  if (hw.standard == MeterStandard::iec) {
    if (hw.options.analog_outputs)
      report(out, kAnsiOnlyOption, "hardware.options.analog_outputs",
             "analog outputs exist on ANSI meters only");
    if (hw.options.cell_modem)
      report(out, kAnsiOnlyOption, "hardware.options.cell_modem",
             "the internal cell modem exists on ANSI meters only");
  }
}

}  // namespace jemhead::config
