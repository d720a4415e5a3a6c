// Job history (the manual's retrieval and task event log), newest first by default:
//   GET /api/v1/jobs                 every meter's runs
//   GET /api/v1/meters/{id}/jobs     one meter's runs
//   GET /api/v1/jobs/{id}            one run
// Filters: meter, kind, outcome, trigger, from/to (on started_at), order; keyset paging.
#include <array>
#include <boost/json.hpp>

#include "api/job_json.hpp"
#include "api/problem.hpp"
#include "api/query_filters.hpp"
#include "api/routes.hpp"
#include "core/engine/job_kind.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

// Kinds written by the API's own meter operations, next to the engine's job kinds.
constexpr std::array<std::string_view, 2> kApiKinds{"presets", "outputs"};
constexpr std::array<std::string_view, 5> kOutcomes{"running", "ok", "failed", "partial",
                                                    "refused"};
constexpr std::array<std::string_view, 3> kTriggers{"schedule", "catch_up", "manual"};

template <std::size_t N>
std::string one_of(const Call& call, const std::string& name,
                   const std::array<std::string_view, N>& allowed) {
  const auto* v = query_value(call, name);
  if (!v) return {};
  std::string list;
  for (auto a : allowed) {
    if (a == *v) return *v;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  bad_filter(name, "must be one of " + list);
}

std::string kind_filter(const Call& call) {
  const auto* v = query_value(call, "kind");
  if (!v) return {};
  if (from_text<engine::JobKind>(*v)) return *v;
  for (auto k : kApiKinds)
    if (k == *v) return *v;
  bad_filter("kind", "must be one of " + allowed_texts<engine::JobKind>() + ", presets, outputs");
}

storage::JobFilter filter_from_query(const Call& call) {
  storage::JobFilter f;
  f.kind = kind_filter(call);
  f.outcome = one_of(call, "outcome", kOutcomes);
  f.trigger = one_of(call, "trigger", kTriggers);
  f.started = time_range_filter(call);
  constexpr std::array<std::string_view, 2> kOrders{"newest", "oldest"};
  f.newest_first = one_of(call, "order", kOrders) != "oldest";
  return f;
}

net::HttpResponse job_page(ApiContext& ctx, const storage::JobFilter& filter,
                           const storage::Page& page) {
  return json_response(200, records_page(ctx.repo.job_runs(filter, page), job_run_json, page));
}

net::HttpResponse list_all(ApiContext& ctx, Call& call) {
  allow_query(call,
              {"meter", "kind", "outcome", "trigger", "from", "to", "order", "after", "limit"});
  auto filter = filter_from_query(call);
  filter.meter_id = meter_filter(call);
  return job_page(ctx, filter, page_from_query(call));
}

net::HttpResponse list_for_meter(ApiContext& ctx, Call& call) {
  allow_query(call, {"kind", "outcome", "trigger", "from", "to", "order", "after", "limit"});
  const auto meter_id = path_id(call, "id", "meter");
  auto filter = filter_from_query(call);
  const auto page = page_from_query(call);
  if (!ctx.repo.find_meter(meter_id))
    throw ApiError(404, "no meter with id " + std::to_string(meter_id));
  filter.meter_id = meter_id;
  return job_page(ctx, filter, page);
}

net::HttpResponse get_one(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "job");
  const auto run = ctx.repo.find_job_run(id);
  if (!run) throw ApiError(404, "no job with id " + std::to_string(id));
  return json_response(200, job_run_json(*run));
}

}  // namespace

void add_job_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"GET", "/api/v1/jobs", Role::viewer, bind(list_all)});
  router.add({"GET", "/api/v1/jobs/{id}", Role::viewer, bind(get_one)});
  router.add({"GET", "/api/v1/meters/{id}/jobs", Role::viewer, bind(list_for_meter)});
}

}  // namespace jemhead::api
