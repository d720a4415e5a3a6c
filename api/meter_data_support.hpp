#pragma once
// Shared by the routes that talk to meters (read, presets, outputs): loading the meter
// and its profiles, the configured MeterAccess, and the job-run bookkeeping.
#include <boost/json/object.hpp>
#include <string>

#include "api/handler_support.hpp"
#include "api/meter_access.hpp"

namespace jemhead::api {

struct MeterTarget {
  Meter meter;
  std::vector<ConnectionProfile> profiles;
};

// ApiError 404 for an unknown meter, 409 for a disabled one.
MeterTarget load_meter_target(ApiContext& ctx, std::int64_t meter_id);
// ApiError 503 when the daemon was started without meter access.
const MeterAccess& meter_access(ApiContext& ctx);

// A job run in state "running", inserted now.
JobRun start_job(ApiContext& ctx, std::int64_t meter_id, std::string kind);
// {"job_id", "kind", "outcome", "started_at", "finished_at", "values", "error"}
boost::json::object job_json(const JobRun& run);

}  // namespace jemhead::api
