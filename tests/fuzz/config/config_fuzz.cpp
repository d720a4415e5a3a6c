// The configuration document reader under hostile bytes. Invariants: no crash and no
// exception escapes from_json_text; whatever was read writes back to JSON that reads to
// the same configuration with no reading problems (the writer can store anything the
// reader accepts); validate() on it is deterministic; diff with itself is empty.
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/config/config_diff.hpp"
#include "core/config/meter_configuration.hpp"

using namespace jemhead::config;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto r = from_json_text(text);
  const auto written = to_json(r.config);
  const auto again = read_json(written);
  if (!again.problems.empty()) std::abort();
  if (!(again.config == r.config)) std::abort();
  if (!(validate(again.config) == validate(r.config))) std::abort();
  if (!diff(r.config, again.config).empty()) std::abort();
  // Text form too: serialising and parsing keeps every value.
  const auto reread = from_json_text(boost::json::serialize(written));
  if (!(reread.config == r.config)) std::abort();
  return 0;
}
