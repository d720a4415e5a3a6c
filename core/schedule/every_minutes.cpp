#include "core/schedule/every_minutes.hpp"

#include "core/schedule/schedule_error.hpp"

namespace jemhead::schedule {

using namespace std::chrono;

EveryMinutes::EveryMinutes(int minutes, const date::time_zone& zone)
    : minutes_(minutes), zone_(&zone) {
  if (minutes < 1 || minutes > kMaxMinutes)
    throw ScheduleParseError("every_minutes", std::to_string(minutes),
                             "must be 1.." + std::to_string(kMaxMinutes));
}

std::string EveryMinutes::describe() const {
  return "every " + std::to_string(minutes_) + " minutes TZ=" + std::string(zone_->name());
}

std::optional<UtcTime> EveryMinutes::next_after(UtcTime t) const {
  // Within one UTC-offset period the local clock runs in step with UTC, so the next aligned
  // local time converts with that period's offset. If it falls after the period ends, look
  // again from the transition (inclusive: the transition itself may be aligned).
  const Micros step = std::chrono::minutes{minutes_};
  UtcTime cursor = t;
  bool inclusive = false;
  constexpr int kMaxPeriods = 8;  // more transitions than this in one interval do not exist
  for (int period = 0; period < kMaxPeriods; ++period) {
    const date::sys_info info = zone_->get_info(floor<seconds>(cursor));
    const Micros local = cursor.time_since_epoch() + info.offset;
    const Micros day_start = floor<days>(local);
    const Micros into_day = local - day_start;
    Micros aligned = (into_day / step) * step;
    if (aligned < into_day || (!inclusive && aligned == into_day)) aligned += step;
    if (aligned > days{1}) aligned = days{1};  // the next local midnight restarts the count
    const UtcTime fire{day_start + aligned - info.offset};
    if (floor<seconds>(fire) < info.end) return fire;
    cursor = time_point_cast<Micros>(info.end);
    inclusive = true;
  }
  return std::nullopt;
}

}  // namespace jemhead::schedule
