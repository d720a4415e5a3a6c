#include "api/meter_data_support.hpp"

#include <boost/json.hpp>

#include "api/problem.hpp"
#include "engine/attach_configuration.hpp"

namespace jemhead::api {

namespace json = boost::json;

MeterTarget load_meter_target(ApiContext& ctx, std::int64_t meter_id) {
  auto meter = ctx.repo.find_meter(meter_id);
  if (!meter) throw ApiError(404, "no meter with id " + std::to_string(meter_id));
  if (!meter->enabled)
    throw ApiError(409, "meter " + std::to_string(meter_id) + " is disabled; enable it first");
  // Drivers read the meter's point maps from its configuration (attach_configuration.hpp).
  auto profiles = ctx.repo.list_connections(meter_id);
  engine::attach_configuration(ctx.repo, *meter, profiles);
  return {*meter, std::move(profiles)};
}

const MeterAccess& meter_access(ApiContext& ctx) {
  if (!ctx.options.meter_access)
    throw ApiError(503, "this server was started without access to meters");
  return *ctx.options.meter_access;
}

JobRun start_job(ApiContext& ctx, std::int64_t meter_id, std::string kind) {
  JobRun run;
  run.meter_id = meter_id;
  run.kind = std::move(kind);
  run.started_at = utc_now();
  run.outcome = "running";
  run.id = ctx.repo.insert_job_run(run);
  return run;
}

json::object job_json(const JobRun& run) {
  json::object o{{"job_id", run.id},
                 {"kind", run.kind},
                 {"outcome", run.outcome},
                 {"started_at", format_iso8601(run.started_at)},
                 {"values", run.values}};
  o["finished_at"] = run.finished_at ? json::value(format_iso8601(*run.finished_at)) : nullptr;
  o["error"] = run.error.empty() ? json::value(nullptr) : json::value(run.error);
  return o;
}

}  // namespace jemhead::api
