#pragma once
// A job run of the history (the manual's retrieval and task event log) as JSON, for
// /api/v1/jobs and /api/v1/meters/{id}/jobs. (The read/preset/output routes answer with
// their own, older shape: meter_data_support.hpp's job_json.)
#include <boost/json/object.hpp>

#include "core/records.hpp"

namespace jemhead::api {

// {"id", "meter_id", "kinds": [..], "trigger", "nominal_at", "started_at", "finished_at",
//  "outcome", "profile", "attempts", "values", "bytes", "error_type", "error", "results"}
boost::json::object job_run_json(const JobRun& run);

}  // namespace jemhead::api
