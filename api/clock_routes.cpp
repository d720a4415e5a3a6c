// The meter's clock:
//   GET  /api/v1/meters/{id}/clock        latest reading and the history, newest first
//   POST /api/v1/meters/{id}/clock/sync   {"force": false}: check now and set it when the
//                                         offset exceeds the tolerance (operator, audited)
// Sync runs synchronously through MeterAccess (like read now), on the profile routing
// picks for set_clock, with the tolerance the engine's clock_sync jobs use.
#include <boost/json.hpp>

#include "api/json_reader.hpp"
#include "api/meter_data_support.hpp"
#include "api/problem.hpp"
#include "api/reading_json.hpp"
#include "api/routes.hpp"
#include "engine/clock_sync.hpp"
#include "engine/reading_store.hpp"
#include "engine/schedule_document.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

json::object reading_json(const ClockReading& r) {
  const auto offset = r.offset_us();
  return json::object{{"read_at", format_iso8601(r.head_end_time)},
                      {"meter_time", format_iso8601(r.meter_time)},
                      {"offset_s", static_cast<double>(offset) / 1e6},
                      {"offset_us", offset},
                      {"source", r.source}};
}

json::object record_json(const ClockRecord& r) {
  auto o = reading_json(r.reading);
  o["id"] = r.id;
  o["kind"] = r.kind;
  o["job_id"] = r.job_run_id ? json::value(*r.job_run_id) : json::value(nullptr);
  return o;
}

net::HttpResponse get_clock(ApiContext& ctx, Call& call) {
  allow_query(call, {"from", "to", "after", "limit"});
  const auto meter_id = path_id(call, "id", "meter");
  if (!ctx.repo.find_meter(meter_id))
    throw ApiError(404, "no meter with id " + std::to_string(meter_id));
  const storage::TimeRange range{query_time(call, "from"), query_time(call, "to")};
  const auto page = page_from_query(call);
  const auto latest = ctx.repo.clock_readings(meter_id, {}, {0, 1});
  json::array items;
  std::int64_t last = 0;
  for (const auto& r : ctx.repo.clock_readings(meter_id, range, page)) {
    items.push_back(record_json(r));
    last = r.id;
  }
  auto body = page_body(std::move(items), last, page.limit);
  body["latest"] = latest.empty() ? json::value(nullptr) : json::value(record_json(latest[0]));
  return json_response(200, body);
}

bool decode_force(const std::string& body_text) {
  if (body_text.empty()) return false;
  const auto body = parse_json_object(body_text);
  Validation errors;
  JsonReader reader(body, "", errors);
  const auto* force = reader.raw("force");
  reader.finish();
  if (force && !force->is_bool()) errors.fail("force", "must be true or false");
  if (!errors.ok())
    throw ApiError(422, "clock sync request is invalid: " + errors.summary(), errors.take());
  return force && force->as_bool();
}

std::chrono::seconds tolerance_of(ApiContext& ctx, const Meter& meter) {
  std::string group_schedules = "{}";
  if (meter.group_id)
    if (auto group = ctx.repo.find_group(*meter.group_id)) group_schedules = group->schedules_json;
  return engine::clock_sync_tolerance(meter.schedules_json, group_schedules);
}

net::HttpResponse sync_clock(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  if (!call.request.body.empty()) require_json_body(call);
  const auto meter_id = path_id(call, "id", "meter");
  const bool force = decode_force(call.request.body);
  const auto target = load_meter_target(ctx, meter_id);
  const auto& access = meter_access(ctx);
  const auto profile = access.route(target.profiles, Capability::set_clock);  // 409 with why
  const auto tolerance = tolerance_of(ctx, target.meter);

  auto run = start_job(ctx, meter_id, "clock_sync");
  const auto outcome = access.sync_clock(target.meter, profile, tolerance, force);
  const auto records = outcome.error ? std::vector<ClockRecord>{}
                                     : engine::clock_records(outcome.read_back, meter_id, run.id);
  run.finished_at = utc_now();
  run.outcome = !outcome.error ? "ok" : "failed";
  run.error = outcome.error ? outcome.error->type + ": " + outcome.error->message : "";
  run.error_type = outcome.error ? outcome.error->type : "";
  run.profile = outcome.profile;
  run.values = static_cast<std::int64_t>(records.size());

  auto body = job_json(run);
  body["profile"] = outcome.profile;
  body["force"] = force;
  body["tolerance_s"] = tolerance.count();
  body["set"] = !outcome.error && outcome.read_back.set();
  body["before"] =
      outcome.error ? json::value(nullptr) : json::value(reading_json(outcome.read_back.before));
  body["after"] = !outcome.error && outcome.read_back.after
                      ? json::value(reading_json(*outcome.read_back.after))
                      : json::value(nullptr);
  body["error"] = outcome.error ? json::value(to_json(*outcome.error)) : json::value(nullptr);

  ctx.repo.transact([&](storage::Store& s) {
    s.update_job_run(run);
    engine::store_clock(s, records, run.id);
    json::object detail{{"job_id", run.id},
                        {"outcome", run.outcome},
                        {"profile", profile.name},
                        {"force", force},
                        {"tolerance_s", tolerance.count()},
                        {"set", body["set"]},
                        {"before", body["before"]},
                        {"after", body["after"]}};
    if (outcome.error) detail["error"] = to_json(*outcome.error);
    s.append_audit(
        audit_entry(call, "meter.clock_sync", "meter/" + std::to_string(meter_id), detail));
  });
  return json_response(200, body);
}

}  // namespace

void add_clock_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"GET", "/api/v1/meters/{id}/clock", Role::viewer, bind(get_clock)});
  router.add({"POST", "/api/v1/meters/{id}/clock/sync", Role::operator_, bind(sync_clock)});
}

}  // namespace jemhead::api
