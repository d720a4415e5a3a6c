// The YAML configuration reader under hostile bytes. Invariants: no crash and no exception
// escapes from_yaml_text; a syntax problem leaves the factory defaults; whatever was read
// exports to YAML that reads back to the same configuration with only validation's
// problems, and exporting that again gives the same text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/config_formats/config_formats.hpp"

using namespace jemhead::config;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto r = from_yaml_text(text);
  for (const auto& p : r.problems)
    if (p.rule == "syntax" && !(r.config == MeterConfiguration{})) std::abort();
  const auto written = to_yaml(r.config);
  // Most random inputs are refused and leave the defaults, whose round trip is checked
  // once here (and in the unit tests), which keeps the replay's random sweep fast.
  static const bool defaults_checked = [] {
    const auto defaults = to_yaml(MeterConfiguration{});
    if (!(from_yaml_text(defaults).config == MeterConfiguration{})) std::abort();
    return true;
  }();
  if (defaults_checked && r.config == MeterConfiguration{}) return 0;
  const auto again = from_yaml_text(written);
  if (!(again.config == r.config)) std::abort();
  if (!(again.problems == validate(r.config))) std::abort();
  if (to_yaml(again.config) != written) std::abort();
  return 0;
}
