#include "engine/config_work_queue.hpp"

#include <algorithm>

namespace jemhead::engine {

ConfigWorkQueue::~ConfigWorkQueue() {
  stop();
}

bool ConfigWorkQueue::start(std::size_t workers, Serve serve) {
  std::lock_guard lock(mutex_);
  if (started_) return false;
  started_ = true;
  serve_ = std::move(serve);
  for (std::size_t i = 0; i < std::max<std::size_t>(1, workers); ++i)
    threads_.emplace_back([this] { worker(); });
  return true;
}

std::vector<ConfigWork> ConfigWorkQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
  std::lock_guard lock(mutex_);
  std::vector<ConfigWork> left;
  for (auto& [meter, q] : queues_)
    for (auto& w : q) left.push_back(std::move(w));
  queues_.clear();
  ready_.clear();
  scheduled_.clear();
  return left;
}

bool ConfigWorkQueue::enqueue(ConfigWork w) {
  std::lock_guard lock(mutex_);
  if (!started_ || stopping_) return false;
  const auto meter = w.meter_id;
  queues_[meter].push_back(std::move(w));
  if (scheduled_.insert(meter).second) ready_.push_back(meter);
  wake_.notify_all();
  return true;
}

bool ConfigWorkQueue::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return wake_.wait_for(lock, timeout, [&] { return ready_.empty() && running_ == 0; });
}

void ConfigWorkQueue::worker() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !ready_.empty(); });
    if (stopping_) return;
    const auto meter = ready_.front();
    ready_.pop_front();
    auto& q = queues_[meter];
    ConfigWork w = std::move(q.front());
    q.pop_front();
    ++running_;
    lock.unlock();
    serve_(w);
    lock.lock();
    --running_;
    if (auto it = queues_.find(meter); it != queues_.end() && !it->second.empty()) {
      ready_.push_back(meter);
    } else {
      queues_.erase(meter);
      scheduled_.erase(meter);
    }
    wake_.notify_all();
  }
}

}  // namespace jemhead::engine
