#pragma once
// What to do about fire times missed while jemhead was down (or a meter was disabled).
// "Missed" means a nominal fire time strictly before `now`; a fire time equal to `now` is
// simply due.
//  - run_once: one catch-up run now (however many were missed), then continue on schedule
//    with the first fire time after now;
//  - skip: no catch-up; the next fire time at or after now.
#include <cstddef>
#include <optional>

#include "core/enum_text.hpp"
#include "core/schedule/schedule.hpp"

namespace jemhead::schedule {

enum class MisfirePolicy { run_once, skip };

struct MisfireDecision {
  std::optional<UtcTime> catch_up;  // run_once after a misfire: == now
  std::optional<UtcTime> next;      // the next nominal fire time to queue
  std::size_t missed = 0;           // missed fire times, counted up to kMaxCountedMisfires
};

inline constexpr std::size_t kMaxCountedMisfires = 1000;

// `last_fire` is the nominal time of the last run that was started (nullopt: never ran,
// which is not a misfire: the schedule starts at now).
MisfireDecision decide_misfire(const Schedule& schedule, MisfirePolicy policy,
                               std::optional<UtcTime> last_fire, UtcTime now);

}  // namespace jemhead::schedule

template <>
struct jemhead::EnumText<jemhead::schedule::MisfirePolicy> {
  using P = jemhead::schedule::MisfirePolicy;
  static constexpr std::array<std::pair<P, std::string_view>, 2> names{{
      {P::run_once, "run_once"},
      {P::skip, "skip"},
  }};
};
