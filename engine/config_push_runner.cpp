// The runner itself: the public interface over the per-meter work queue
// (engine/config_work_queue), submission (config_push_plan), pushes
// (config_push_execution) and read-backs (config_read_back).
#include "engine/config_push_runner.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <mutex>

#include "engine/config_push_context.hpp"
#include "engine/config_push_execution.hpp"
#include "engine/config_push_plan.hpp"
#include "engine/config_read_back.hpp"
#include "engine/config_work_queue.hpp"

namespace jemhead::engine {

struct ConfigPushRunner::Impl {
  Impl(storage::Repository& r, const drivers::DriverRegistry& d, boost::asio::any_io_executor e,
       ResourceBudget* b, ConfigPushOptions o, std::shared_ptr<spdlog::logger> l)
      : ctx{r, d, std::move(e), b, std::move(o), l ? std::move(l) : spdlog::default_logger()} {}

  ConfigPushContext ctx;
  ConfigWorkQueue queue;
  std::mutex bit11_mutex;
  std::map<std::int64_t, bool> bit11;  // last System Bit 11 state seen per meter

  void serve(ConfigWork& w) {
    try {
      if (w.push_id) {
        run_push(ctx, *w.push_id);
      } else {
        auto r = run_readback(ctx, w.meter_id, w.trigger);
        if (w.done) w.done->set_value(std::move(r));
      }
    } catch (...) {
      if (w.done) {
        w.done->set_exception(std::current_exception());
      } else {
        ctx.log->error("meter {}: configuration {} failed: {}", w.meter_id,
                       w.push_id ? "push " + std::to_string(*w.push_id) : std::string("read-back"),
                       error_text(std::current_exception()));
        if (w.push_id) fail_push(ctx, *w.push_id, error_text(std::current_exception()));
      }
    }
  }
};

ConfigPushRunner::ConfigPushRunner(storage::Repository& repo,
                                   const drivers::DriverRegistry& drivers,
                                   boost::asio::any_io_executor io, ResourceBudget* budget,
                                   ConfigPushOptions options, std::shared_ptr<spdlog::logger> log)
    : impl_(std::make_shared<Impl>(repo, drivers, std::move(io), budget, std::move(options),
                                   std::move(log))) {}

ConfigPushRunner::~ConfigPushRunner() {
  stop();
}

void ConfigPushRunner::start() {
  auto& d = *impl_;
  if (!d.queue.start(d.ctx.options.workers, [&d](ConfigWork& w) { d.serve(w); })) return;
  std::vector<ConfigPush> unfinished;
  try {
    unfinished = d.ctx.repo.unfinished_config_pushes();
  } catch (const std::exception& e) {
    d.ctx.log->error("cannot list unfinished configuration pushes: {}", e.what());
  }
  for (const auto& p : unfinished) {
    d.ctx.log->info("meter {}: resuming configuration push {} ({})", p.meter_id, p.id,
                    to_text(p.status));
    d.queue.enqueue({p.meter_id, p.id, "", nullptr});
  }
}

void ConfigPushRunner::stop() {
  // Read-backs someone waits for and that will not run now.
  for (auto& w : impl_->queue.stop())
    if (w.done)
      w.done->set_exception(
          std::make_exception_ptr(ConfigPushRejected(503, "the push runner is stopping")));
}

ConfigPush ConfigPushRunner::submit(const ConfigPushRequest& request) {
  const auto push = record_push(impl_->ctx, request);
  if (push.status == ConfigPushStatus::queued &&
      !impl_->queue.enqueue({push.meter_id, push.id, "", nullptr}))
    impl_->ctx.log->warn("config push {} stays queued: the push runner is not running", push.id);
  return push;
}

std::string ConfigPushRunner::queue_readback(std::int64_t meter_id, const std::string& trigger) {
  const auto& ctx = impl_->ctx;
  const auto meter = ctx.repo.find_meter(meter_id);
  if (!meter) return "not queued: the meter is gone";
  if (!meter->enabled) return "not queued: the meter is disabled";
  const auto profiles = ctx.repo.list_connections(meter_id);
  std::string why;
  if (!ctx.drivers.route(profiles, Capability::read_identity, why) &&
      !ctx.drivers.route(profiles, Capability::read_load_profile, why))
    return "no profile can read the configuration back (" + why + ")";
  if (!impl_->queue.enqueue({meter_id, std::nullopt, trigger, nullptr}))
    return "not queued: the push runner is not running";
  return "configuration read-back queued";
}

ConfigReadback ConfigPushRunner::readback_now(std::int64_t meter_id, const std::string& trigger) {
  auto done = std::make_shared<std::promise<ConfigReadback>>();
  auto future = done->get_future();
  if (!impl_->queue.enqueue({meter_id, std::nullopt, trigger, done}))
    throw ConfigPushRejected(503, "the push runner is not running");
  // Behind this meter's queued pushes: allow for a few of them.
  if (future.wait_for(impl_->ctx.options.deadline * 4 + std::chrono::seconds(10)) !=
      std::future_status::ready)
    throw ConfigPushRejected(503, "the read-back did not finish in time; it still runs");
  return future.get();
}

void ConfigPushRunner::status_observed(std::int64_t meter_id, const StatusSnapshot& snapshot) {
  const bool active = configuration_change_active(snapshot);
  bool rising = false;
  {
    std::lock_guard lock(impl_->bit11_mutex);
    auto& last = impl_->bit11[meter_id];
    rising = active && !last;
    last = active;
  }
  // Called on the engine's commit path (an I/O thread): no repository access here; the
  // read-back itself checks the meter and its profiles.
  if (rising) {
    const bool queued = impl_->queue.enqueue({meter_id, std::nullopt, "status_bit_11", nullptr});
    impl_->ctx.log->info("meter {}: status bit 11 (configuration change): read-back {}", meter_id,
                         queued ? "queued" : "not queued (the push runner is not running)");
  }
}

bool ConfigPushRunner::wait_idle(std::chrono::milliseconds timeout) {
  return impl_->queue.wait_idle(timeout);
}

}  // namespace jemhead::engine
