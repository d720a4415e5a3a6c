// Fuzz target: the configuration loader must turn any bytes into either a configuration
// or a list of located errors; never a crash, hang or unbounded allocation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "service/config_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = jemhead::service::load_config_text(text, "fuzz.yaml");
  for (const auto& e : result.errors) {
    // Every error names the file; formatting it must be safe too.
    if (e.file != "fuzz.yaml" || e.to_string().empty()) __builtin_trap();
  }
  return 0;
}
