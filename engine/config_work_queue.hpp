#pragma once
// The push runner's per-meter work queue (internal to engine/config_push_*.cpp): work for
// one meter runs one item at a time, in submission order (two pushes to one meter never
// overlap); different meters run in parallel on a few worker threads.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/records.hpp"

namespace jemhead::engine {

struct ConfigWork {
  std::int64_t meter_id = 0;
  std::optional<std::int64_t> push_id;  // else a read-back
  std::string trigger;
  std::shared_ptr<std::promise<ConfigReadback>> done;  // read-backs someone waits for
};

class ConfigWorkQueue {
 public:
  using Serve = std::function<void(ConfigWork&)>;

  ~ConfigWorkQueue();  // stop()

  // Starts `workers` (at least one) threads that call `serve` for each item; false when
  // already started.
  bool start(std::size_t workers, Serve serve);
  // No new work; waits for the items being served and returns the ones still queued.
  std::vector<ConfigWork> stop();

  // False when not started or stopping.
  bool enqueue(ConfigWork w);

  // Blocks until nothing is queued or running; false on timeout.
  bool wait_idle(std::chrono::milliseconds timeout);

 private:
  void worker();

  std::mutex mutex_;
  std::condition_variable wake_;
  Serve serve_;
  std::map<std::int64_t, std::deque<ConfigWork>> queues_;
  std::set<std::int64_t> scheduled_;  // meters in `ready_` or being served
  std::deque<std::int64_t> ready_;
  std::size_t running_ = 0;
  bool started_ = false;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace jemhead::engine
