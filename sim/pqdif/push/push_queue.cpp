#include "sim/pqdif/push/push_queue.hpp"

#include <algorithm>
#include <unordered_set>

namespace jemhead::sim {

PushQueue::PushQueue(std::chrono::milliseconds retry_initial, std::chrono::milliseconds retry_max)
    : retry_initial_(retry_initial), retry_max_(std::max(retry_max, retry_initial)) {}

PushLogEntry* PushQueue::entry(const std::string& name) {
  for (auto it = log_.rbegin(); it != log_.rend(); ++it)
    if (!it->test && it->name == name) return &*it;
  return nullptr;
}

const PushLogEntry* PushQueue::find(const std::string& name) const {
  for (auto it = log_.rbegin(); it != log_.rend(); ++it)
    if (it->name == name) return &*it;
  return nullptr;
}

void PushQueue::observe(const std::vector<PqdifFileInfo>& store, PushClock::time_point now) {
  std::unordered_set<std::string> present;
  for (const auto& f : store) {
    present.insert(f.name);
    if (entry(f.name)) continue;
    PushLogEntry e;
    e.name = f.name;
    e.size = f.size;
    e.next_try = now;
    log_.push_back(std::move(e));
  }
  for (auto& e : log_)
    if (waiting(e) && !e.in_flight && !present.contains(e.name)) {
      e.given_up = true;
      e.error = "dropped from the meter's store (FIFO) before it was sent";
      if (!e.attempts) e.error += "; never tried";
    }
  trim();
}

std::optional<std::string> PushQueue::take_due(PushClock::time_point now) {
  for (auto& e : log_)
    if (waiting(e) && !e.in_flight && e.next_try <= now) {
      e.in_flight = true;
      return e.name;
    }
  return std::nullopt;
}

void PushQueue::sent(const std::string& name, std::size_t size, std::string sha256,
                     UtcTime meter_now) {
  PushLogEntry* e = entry(name);
  if (!e) return;
  e->in_flight = false;
  ++e->attempts;
  e->size = size;
  e->sha256 = std::move(sha256);
  e->pushed_at = meter_now;
  e->error.clear();
}

void PushQueue::failed(const std::string& name, std::string why, PushClock::time_point now) {
  PushLogEntry* e = entry(name);
  if (!e) return;
  e->in_flight = false;
  ++e->attempts;
  e->error = std::move(why);
  e->next_try = now + backoff(e->attempts);
}

void PushQueue::gone(const std::string& name) {
  PushLogEntry* e = entry(name);
  if (!e) return;
  e->in_flight = false;
  e->given_up = true;
  e->error = "dropped from the meter's store (FIFO) before it was sent";
}

void PushQueue::mark_deleted(const std::string& name) {
  if (PushLogEntry* e = entry(name)) e->deleted = true;
}

void PushQueue::log_test(PushLogEntry entry) {
  entry.test = true;
  entry.in_flight = false;
  log_.push_back(std::move(entry));
  trim();
}

std::optional<PushClock::time_point> PushQueue::next_wake() const {
  std::optional<PushClock::time_point> wake;
  for (const auto& e : log_)
    if (waiting(e) && !e.in_flight && (!wake || e.next_try < *wake)) wake = e.next_try;
  return wake;
}

std::size_t PushQueue::pending() const {
  return static_cast<std::size_t>(
      std::count_if(log_.begin(), log_.end(), [this](const auto& e) { return waiting(e); }));
}

std::chrono::milliseconds PushQueue::backoff(int failures) const {
  auto delay = retry_initial_;
  for (int i = 1; i < failures && delay < retry_max_; ++i) delay *= 2;
  return std::min(delay, retry_max_);
}

void PushQueue::trim() {
  // Forget the oldest finished entries; waiting ones are kept whatever the count.
  while (log_.size() > kMaxLog) {
    auto it = std::find_if(log_.begin(), log_.end(),
                           [this](const auto& e) { return !waiting(e) && !e.in_flight; });
    if (it == log_.end()) return;
    log_.erase(it);
  }
}

}  // namespace jemhead::sim
