#include "engine/plan_builder.hpp"

namespace jemhead::engine {

FleetPlan build_plan(PlanInputs inputs, ScheduleResolver& resolver, const FireTimes& dispatched,
                     UtcTime now) {
  FleetPlan plan;
  for (const auto& c : inputs.checkpoints) {
    if (!c.key.starts_with(kScheduleCheckpointPrefix)) continue;
    const auto kind =
        from_text<JobKind>(std::string_view(c.key).substr(kScheduleCheckpointPrefix.size()));
    const auto at = parse_iso8601(c.value);
    if (kind && at) plan.last_fires[fire_key(c.meter_id, *kind)] = *at;
  }
  for (const auto& [key, at] : dispatched) {
    auto [it, inserted] = plan.last_fires.emplace(key, at);
    if (!inserted && it->second < at) it->second = at;
  }

  FireTimes kept;  // only pairs still in the plan: deleted meters do not linger
  for (const auto& source : inputs.sources) {
    if (!source.enabled) continue;
    std::vector<std::string> problems;
    const auto schedules = resolver.resolve(source, &problems);
    for (auto& p : problems)
      plan.problems.push_back("meter " + std::to_string(source.meter_id) + ": " + p);
    if (schedules.empty()) continue;
    ++plan.scheduled_meters;
    for (const auto& s : schedules) {
      schedule::PlanEntry entry;
      entry.meter_id = source.meter_id;
      entry.schedule_key = std::string(to_text(s.kind));
      entry.spec = s.spec;
      entry.since = source.created_at;
      const auto key = fire_key(source.meter_id, s.kind);
      if (auto it = plan.last_fires.find(key); it != plan.last_fires.end()) {
        entry.last_fire = it->second;
        kept.emplace(key, it->second);
      }
      const auto handle = plan.planner.add(std::move(entry), now);
      if (plan.entry_kinds.size() <= handle) plan.entry_kinds.resize(handle + 1);
      plan.entry_kinds[handle] = s.kind;
    }
  }
  plan.last_fires = std::move(kept);
  return plan;
}

}  // namespace jemhead::engine
