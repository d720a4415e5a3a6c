#include "engine/config_push_execution.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "engine/config_push_delivery.hpp"
#include "engine/config_push_plan.hpp"
#include "engine/config_read_back.hpp"
#include "engine/reading_store.hpp"

namespace jemhead::engine {

namespace json = boost::json;

namespace {

void finish(const ConfigPushContext& ctx, ConfigPush& push, ConfigPushStatus status,
            const std::string& error, std::optional<ConfigReadback> readback,
            const PushExtras& extras) {
  push.status = status;
  push.error = error;
  push.finished_at = utc_now();
  json::array results;
  for (const auto& r : push.results)
    results.push_back(json::object{{"section", r.section},
                                   {"outcome", r.outcome},
                                   {"detail", r.detail},
                                   {"protocol", r.protocol}});
  AuditEntry audit;
  audit.at = *push.finished_at;
  audit.actor = push.requested_by;
  audit.action = "config.push.finished";
  audit.target = target_of(push.meter_id);
  audit.detail_json = json::serialize(json::object{{"push", push.id},
                                                   {"version", push.version},
                                                   {"status", to_text(status)},
                                                   {"error", error},
                                                   {"results", std::move(results)}});
  try {
    ctx.repo.transact([&](storage::Store& s) {
      if (readback) s.insert_config_readback(*readback);
      if (!extras.clock.empty()) store_clock(s, extras.clock, std::nullopt);
      if (!extras.registers.empty()) store_registers(s, push.meter_id, extras.registers);
      s.update_config_push(push);
      s.append_audit(audit);
    });
  } catch (const storage::NotFound&) {
    ctx.log->info("meter {} was deleted while push {} ran", push.meter_id, push.id);
    return;
  }
  ctx.log->info("meter {}: configuration push {} (version {}) {}{}{}", push.meter_id, push.id,
                push.version, to_text(status), error.empty() ? "" : ": ", error);
}

// The read-back's results, one per section compared ("read_back.<section>"), or one
// "read_back" failure when nothing could be read.
std::vector<ConfigPushSection> read_back_results(const ReadBack& rb,
                                                 const config::ReadbackComparison& cmp) {
  std::vector<ConfigPushSection> out;
  if (!rb.anything) {
    ConfigPushSection r;
    r.section = "read_back";
    r.outcome = "failed";
    r.detail = "nothing could be read back";
    for (const auto& e : rb.errors) r.detail += "; " + e;
    out.push_back(std::move(r));
    return out;
  }
  for (const auto& s : cmp.sections) {
    ConfigPushSection r;
    r.section = kReadBackPrefix + s.section;
    r.outcome = s.verified ? "verified" : "mismatch";
    r.protocol = rb.protocol;
    r.detail = std::to_string(s.items) + " item(s) compared";
    if (!s.verified) {
      r.detail += "; differ: ";
      for (std::size_t i = 0; i < s.mismatched.size(); ++i)
        r.detail += (i ? ", " : "") + s.mismatched[i];
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

void run_push(const ConfigPushContext& ctx, std::int64_t id) {
  auto& repo = ctx.repo;
  auto found = repo.config_push(id);
  if (!found) return;
  ConfigPush push = std::move(*found);
  if (push.status != ConfigPushStatus::queued && push.status != ConfigPushStatus::running) return;
  push.status = ConfigPushStatus::running;
  push.started_at = utc_now();
  push.results.clear();
  repo.update_config_push(push);

  const auto meter = repo.find_meter(push.meter_id);
  const auto version = repo.config_version(push.meter_id, push.version);
  if (!meter || !version) {
    finish(ctx, push, ConfigPushStatus::failed,
           !meter ? "the meter is gone" : "the version is gone", std::nullopt, {});
    return;
  }
  const auto profiles = repo.list_connections(push.meter_id);
  const auto parsed = config::from_json_text(version->document_json);
  if (!parsed.problems.empty()) {
    finish(ctx, push, ConfigPushStatus::refused, "the version does not validate", std::nullopt, {});
    return;
  }
  const auto& target = parsed.config;
  const auto from = previous_document(repo, push.meter_id, push.version, target);
  const auto impact = config::analyse_impact(from, target);
  if (!push.confirmed) {
    const auto error = confirmation_error(impact, push.sections);
    if (!error.empty()) {
      finish(ctx, push, ConfigPushStatus::refused, error, std::nullopt, {});
      return;
    }
  }
  const bool mid = meter->mid || target.hardware.mid;
  PushExtras extras;

  push.results = deliver_sections(ctx, push, profiles, mid);
  const auto ops = operations_of(push);
  if (ops.clock) push.results.push_back(set_clock(ctx, *meter, profiles, extras));
  if (!ops.presets.empty())
    push.results.push_back(write_presets(ctx, *meter, profiles, mid, ops.presets, extras));
  if (!ops.outputs.empty())
    push.results.push_back(control_outputs(ctx, *meter, profiles, ops.outputs));

  // Read back what can be read and compare it with the version pushed.
  const auto rb = read_back(ctx, *meter, profiles, target.load_profile.profiles.size());
  std::optional<ConfigReadback> record;
  config::ReadbackComparison cmp;
  if (rb.anything) record = readback_record(*meter, rb, *version, "push", &cmp);
  for (auto& r : read_back_results(rb, cmp)) push.results.push_back(std::move(r));
  finish(ctx, push, push_status(push.results), "", record, extras);
  if (record && record->drift)
    ctx.log->info("meter {}: push {}: read-back differs from version {}", push.meter_id, push.id,
                  push.version);
}

void fail_push(const ConfigPushContext& ctx, std::int64_t id, const std::string& error) {
  try {
    auto push = ctx.repo.config_push(id);
    if (!push) return;
    push->status = ConfigPushStatus::failed;
    push->error = error;
    push->finished_at = utc_now();
    ctx.repo.update_config_push(*push);
  } catch (const std::exception& e) {
    ctx.log->error("config push {}: cannot record its failure: {}", id, e.what());
  }
}

}  // namespace jemhead::engine
