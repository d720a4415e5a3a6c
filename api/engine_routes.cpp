// The collection engine through the API:
//   POST /api/v1/meters/{id}/collect   run now for one meter (409 when it is disabled)
//   POST /api/v1/groups/{id}/collect   ... for every enabled meter of a group
//   POST /api/v1/collect               ... for every enabled meter of the fleet
//   GET  /api/v1/engine                what the engine is doing
// Run now is the manual's "Retrieve Now": it queues jobs beside the schedules (a meter
// that already has a job waiting gets the kinds merged into it) and answers 202 at once;
// the outcome shows up in the job history.
#include <boost/json.hpp>

#include "api/json_reader.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"
#include "core/engine/job_kind.hpp"
#include "engine/collection_engine.hpp"

namespace jemhead::api {

namespace json = boost::json;
using engine::JobKind;

namespace {

constexpr std::size_t kMeterPage = 1000;

engine::CollectionEngine& engine_of(ApiContext& ctx) {
  if (!ctx.options.engine)
    throw ApiError(503, "this server was started without the collection engine");
  return *ctx.options.engine;
}

// {"kinds": [...]}, or no body at all: every kind the meter's drivers can read.
std::vector<JobKind> decode_kinds(const Call& call) {
  if (call.request.body.empty()) return {};
  require_json_body(call);
  const auto body = parse_json_object(call.request.body);
  Validation errors;
  JsonReader reader(body, "", errors);
  const auto* list = reader.raw("kinds");
  reader.finish();
  std::vector<JobKind> kinds;
  if (list && !list->is_array()) {
    errors.fail("kinds", "must be an array of job kinds");
  } else if (list) {
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
      const auto& item = list->as_array()[i];
      const auto kind = item.is_string() ? from_text<JobKind>(item.as_string()) : std::nullopt;
      if (!kind)
        errors.fail("kinds/" + std::to_string(i),
                    "unknown job kind; one of " + allowed_texts<JobKind>());
      else if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end())
        kinds.push_back(*kind);
    }
  }
  if (!errors.ok()) throw_invalid(std::move(errors), "collect request");
  return kinds;
}

// Every enabled meter matching `filter`, through all pages.
std::vector<std::int64_t> enabled_meters(storage::Store& s, storage::MeterFilter filter) {
  filter.enabled = true;
  std::vector<std::int64_t> ids;
  storage::Page page{0, kMeterPage};
  for (;;) {
    const auto meters = s.list_meters(filter, page);
    for (const auto& m : meters) ids.push_back(m.id);
    if (meters.size() < page.limit) break;
    page.after_id = meters.back().id;
  }
  return ids;
}

// Audits the request (before queueing: nothing runs unrecorded), then queues the jobs.
net::HttpResponse run_now(ApiContext& ctx, Call& call, engine::CollectionEngine& engine,
                          const std::vector<std::int64_t>& meters,
                          const std::vector<JobKind>& kinds, const char* action,
                          const std::string& target) {
  json::array kind_names;
  for (auto k : kinds) kind_names.emplace_back(to_text(k));
  ctx.repo.transact([&](storage::Store& s) {
    s.append_audit(audit_entry(call, action, target,
                               json::object{{"kinds", kind_names}, {"meters", meters.size()}}));
  });
  const auto result = engine.run_now(meters, kinds);
  return json_response(202, json::object{{"meters", meters.size()},
                                         {"queued", result.queued},
                                         {"merged", result.merged},
                                         {"kinds", std::move(kind_names)}});
}

net::HttpResponse collect_meter(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "meter");
  const auto kinds = decode_kinds(call);
  auto& engine = engine_of(ctx);
  const auto meter = ctx.repo.find_meter(id);
  if (!meter) throw ApiError(404, "no meter with id " + std::to_string(id));
  if (!meter->enabled)
    throw ApiError(409, "meter " + std::to_string(id) + " is disabled; enable it first");
  return run_now(ctx, call, engine, {id}, kinds, "meter.collect", "meter/" + std::to_string(id));
}

net::HttpResponse collect_group(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "group");
  const auto kinds = decode_kinds(call);
  auto& engine = engine_of(ctx);
  if (!ctx.repo.find_group(id)) throw ApiError(404, "no group with id " + std::to_string(id));
  storage::MeterFilter filter;
  filter.group_id = id;
  return run_now(ctx, call, engine, enabled_meters(ctx.repo, filter), kinds, "group.collect",
                 "group/" + std::to_string(id));
}

net::HttpResponse collect_fleet(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto kinds = decode_kinds(call);
  auto& engine = engine_of(ctx);
  return run_now(ctx, call, engine, enabled_meters(ctx.repo, {}), kinds, "fleet.collect", "fleet");
}

json::object to_json(const engine::EngineStatus& s) {
  json::object sessions;
  for (const auto& [protocol, n] : s.sessions) sessions[to_text(protocol)] = n;
  json::array problems;
  for (const auto& p : s.plan_problems) problems.emplace_back(p);
  return json::object{
      {"scheduling", s.scheduling},
      {"schedules", s.schedules},
      {"scheduled_meters", s.scheduled_meters},
      {"waiting", s.waiting},
      {"running", s.running},
      {"overdue", s.overdue},
      {"unhealthy_meters", s.unhealthy_meters},
      {"next_due", s.next_due ? json::value(format_iso8601(*s.next_due)) : json::value(nullptr)},
      {"sessions", std::move(sessions)},
      {"sessions_total", s.sessions_total},
      {"jobs_finished", s.jobs_finished},
      {"commits", json::object{{"units", s.commits.units},
                               {"transactions", s.commits.transactions},
                               {"failed_units", s.commits.failed_units}}},
      {"plan_problems", std::move(problems)}};
}

net::HttpResponse get_status(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  return json_response(200, to_json(engine_of(ctx).status()));
}

}  // namespace

void add_engine_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"POST", "/api/v1/meters/{id}/collect", Role::operator_, bind(collect_meter)});
  router.add({"POST", "/api/v1/groups/{id}/collect", Role::operator_, bind(collect_group)});
  router.add({"POST", "/api/v1/collect", Role::operator_, bind(collect_fleet)});
  router.add({"GET", "/api/v1/engine", Role::viewer, bind(get_status)});
}

}  // namespace jemhead::api
