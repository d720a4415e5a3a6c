#include "engine/job_board.hpp"

#include <algorithm>

namespace jemhead::engine {

void merge_into(Job& job, const Job& more) {
  for (auto kind : more.kinds)
    if (std::find(job.kinds.begin(), job.kinds.end(), kind) == job.kinds.end())
      job.kinds.push_back(kind);
  job.all_capable = job.all_capable || more.all_capable;
  for (const auto& [kind, at] : more.fires) {
    auto [it, inserted] = job.fires.emplace(kind, at);
    if (!inserted) it->second = std::max(it->second, at);
  }
  if (more.trigger == JobTrigger::manual ||
      (more.trigger == JobTrigger::catch_up && job.trigger == JobTrigger::schedule))
    job.trigger = more.trigger;
  if (!job.nominal || (more.nominal && *more.nominal > *job.nominal)) job.nominal = more.nominal;
  job.due = std::min(job.due, more.due);
}

bool JobBoard::add(Job job) {
  auto& slot = slots_[job.meter_id];
  if (slot.waiting) {
    const auto old_due = slot.waiting->due;
    const bool was_ready = !slot.running;
    if (was_ready) ready_.erase(key_of(*slot.waiting));
    merge_into(*slot.waiting, job);
    waiting_dues_.erase(waiting_dues_.find(old_due));
    waiting_dues_.insert(slot.waiting->due);
    if (was_ready) ready_.insert(key_of(*slot.waiting));
    return false;
  }
  waiting_dues_.insert(job.due);
  if (!slot.running) ready_.insert(key_of(job));
  slot.waiting = std::move(job);
  ++waiting_;
  return true;
}

std::optional<Job> JobBoard::start_next() {
  if (ready_.empty()) return std::nullopt;
  const auto meter = std::get<2>(*ready_.begin());
  ready_.erase(ready_.begin());
  auto& slot = slots_.at(meter);
  Job job = std::move(*slot.waiting);
  slot.waiting.reset();
  slot.running = true;
  waiting_dues_.erase(waiting_dues_.find(job.due));
  --waiting_;
  ++running_;
  return job;
}

void JobBoard::finish(std::int64_t meter_id) {
  auto it = slots_.find(meter_id);
  if (it == slots_.end() || !it->second.running) return;
  it->second.running = false;
  --running_;
  if (it->second.waiting)
    ready_.insert(key_of(*it->second.waiting));
  else
    slots_.erase(it);  // nothing left: memory does not grow with the fleet
}

bool JobBoard::running(std::int64_t meter_id) const {
  auto it = slots_.find(meter_id);
  return it != slots_.end() && it->second.running;
}

std::size_t JobBoard::due_before(UtcTime cutoff) const {
  return static_cast<std::size_t>(
      std::distance(waiting_dues_.begin(), waiting_dues_.lower_bound(cutoff)));
}

void JobBoard::clear_waiting() {
  for (auto it = slots_.begin(); it != slots_.end();) {
    it->second.waiting.reset();
    it = it->second.running ? std::next(it) : slots_.erase(it);
  }
  ready_.clear();
  waiting_dues_.clear();
  waiting_ = 0;
}

}  // namespace jemhead::engine
