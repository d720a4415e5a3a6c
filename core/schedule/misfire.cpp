#include "core/schedule/misfire.hpp"

namespace jemhead::schedule {

MisfireDecision decide_misfire(const Schedule& schedule, MisfirePolicy policy,
                               std::optional<UtcTime> last_fire, UtcTime now) {
  MisfireDecision decision;
  if (!last_fire || *last_fire >= now) {
    decision.next = last_fire ? schedule.next_after(*last_fire) : schedule.next_at_or_after(now);
    return decision;
  }
  std::optional<UtcTime> missed = schedule.next_after(*last_fire);
  while (missed && *missed < now && decision.missed < kMaxCountedMisfires) {
    ++decision.missed;
    missed = schedule.next_after(*missed);
  }
  if (decision.missed == 0) {
    decision.next = missed;
    return decision;
  }
  if (policy == MisfirePolicy::run_once) {
    decision.catch_up = now;
    decision.next = schedule.next_after(now);  // a fire time == now is covered by the catch-up
  } else {
    decision.next = schedule.next_at_or_after(now);
  }
  return decision;
}

}  // namespace jemhead::schedule
