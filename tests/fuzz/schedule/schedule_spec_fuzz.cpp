// Fuzz target: the cron parser and the JSON/text schedule spec under hostile input. Anything
// that parses must also answer next_after() with strictly increasing instants.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/schedule/cron_expression.hpp"
#include "core/schedule/schedule_error.hpp"
#include "core/schedule/schedule_spec.hpp"

namespace {

using jemhead::UtcTime;

void check_increasing(const jemhead::schedule::Schedule& schedule) {
  // 2026-03-08T06:30:00Z: half an hour before New York springs forward, so zone-aware
  // expressions walk through a transition.
  UtcTime t = jemhead::from_unix_micros(1772951400LL * 1000000);
  for (int i = 0; i < 4; ++i) {
    const auto next = schedule.next_after(t);
    if (!next) return;
    if (*next <= t) std::abort();
    t = *next;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check_increasing(jemhead::schedule::CronExpression::parse(text, "America/New_York"));
  } catch (const jemhead::schedule::ScheduleParseError&) {
  }
  try {
    const auto spec = jemhead::schedule::parse_schedule_spec(text, "Europe/Berlin");
    check_increasing(*spec.schedule);
  } catch (const jemhead::schedule::ScheduleParseError&) {
  }
  return 0;
}
