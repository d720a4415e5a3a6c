#include "core/schedule/planner.hpp"

#include <tuple>

#include "core/schedule/jitter.hpp"
#include "core/schedule/misfire.hpp"

namespace jemhead::schedule {

bool Planner::Later::operator()(const Queued& a, const Queued& b) const {
  return std::tie(a.event.due, a.event.meter_id, a.event.entry) >
         std::tie(b.event.due, b.event.meter_id, b.event.entry);
}

std::size_t Planner::add(PlanEntry entry, UtcTime now) {
  const std::size_t handle = entries_.size();
  entries_.push_back(std::move(entry));
  generations_.push_back(0);
  if (entries_[handle].spec.enabled && entries_[handle].spec.schedule)
    queue_from_decision(handle, now);
  return handle;
}

void Planner::set_enabled(std::size_t handle, bool enabled, UtcTime now) {
  PlanEntry& e = entries_.at(handle);
  if (e.spec.enabled == enabled) return;
  e.spec.enabled = enabled;
  ++generations_[handle];  // whatever is queued for it is now stale
  if (enabled && e.spec.schedule) queue_from_decision(handle, now);
}

void Planner::queue_from_decision(std::size_t handle, UtcTime now) {
  const PlanEntry& e = entries_[handle];
  const auto& schedule = *e.spec.schedule;
  MisfireDecision d;
  if (!e.last_fire && e.since && *e.since < now) {
    // An entry that never ran counts from `since`. Only "was a fire missed" matters, so it
    // is asked once instead of counting misfires (a schedule given to meters added long
    // ago would otherwise count up to a thousand fires per entry at every rebuild).
    const auto first = schedule.next_after(*e.since);
    const bool missed = first && *first < now;
    if (missed && e.spec.misfire == MisfirePolicy::run_once) {
      d.catch_up = now;
      d.next = schedule.next_after(now);
    } else {
      d.next = schedule.next_at_or_after(now);
    }
  } else {
    d = decide_misfire(schedule, e.spec.misfire, e.last_fire, now);
  }
  if (d.catch_up)
    queue(handle, *d.catch_up, true);
  else if (d.next)
    queue(handle, *d.next, false);
}

void Planner::queue(std::size_t handle, UtcTime nominal, bool catch_up) {
  const PlanEntry& e = entries_[handle];
  PlannedEvent ev;
  ev.nominal = nominal;
  ev.due = nominal + jitter_offset(e.meter_id, e.schedule_key, e.spec.max_jitter);
  ev.meter_id = e.meter_id;
  ev.entry = handle;
  ev.catch_up = catch_up;
  queue_.push(Queued{ev, generations_[handle]});
}

void Planner::drop_stale() const {
  while (!queue_.empty() && queue_.top().generation != generations_[queue_.top().event.entry])
    queue_.pop();
}

std::optional<UtcTime> Planner::next_due() const {
  drop_stale();
  if (queue_.empty()) return std::nullopt;
  return queue_.top().event.due;
}

std::vector<PlannedEvent> Planner::take_due(UtcTime now) {
  std::vector<PlannedEvent> due;
  drop_stale();
  while (!queue_.empty() && queue_.top().event.due <= now) {
    const PlannedEvent ev = queue_.top().event;
    queue_.pop();
    due.push_back(ev);
    PlanEntry& e = entries_[ev.entry];
    e.last_fire = ev.nominal;
    if (auto next = e.spec.schedule->next_after(ev.nominal)) queue(ev.entry, *next, false);
    drop_stale();
  }
  return due;
}

std::vector<PlannedEvent> plan_window(std::vector<PlanEntry> entries, VirtualClock& clock,
                                      UtcTime until, std::size_t max_events) {
  Planner planner;
  for (PlanEntry& e : entries) planner.add(std::move(e), clock.now());
  std::vector<PlannedEvent> events;
  while (events.size() < max_events) {
    const std::optional<UtcTime> due = planner.next_due();
    if (!due || *due > until) break;
    clock.advance_to(*due);
    for (PlannedEvent& ev : planner.take_due(clock.now())) {
      if (events.size() == max_events) break;
      events.push_back(ev);
    }
  }
  return events;
}

}  // namespace jemhead::schedule
