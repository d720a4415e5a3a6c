// Fuzz target: a schedules document (kind -> schedule spec) as the API and the
// configuration file store it. Whatever validation accepts, the resolver must turn into
// exactly that many schedules, with no problems reported, and each must fire after a
// given instant.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "engine/schedule_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  jemhead::engine::ScheduleResolver resolver;
  for (bool overrides : {false, true}) {
    const auto validation = jemhead::engine::validate_schedules(text, "schedules", overrides);
    jemhead::ScheduleSource source;
    source.meter_id = 1;
    source.time_zone = "Europe/Berlin";
    (overrides ? source.meter_schedules_json : source.group_schedules_json) = text;
    (overrides ? source.group_schedules_json : source.meter_schedules_json) = "{}";
    std::vector<std::string> problems;
    const auto schedules = resolver.resolve(source, &problems);
    if (validation.ok() && !problems.empty()) std::abort();
    const auto t = jemhead::from_unix_micros(1772951400LL * 1000000);
    for (const auto& s : schedules) {
      if (!s.spec.schedule) std::abort();
      const auto next = s.spec.schedule->next_after(t);
      if (next && *next <= t) std::abort();
    }
  }
  return 0;
}
