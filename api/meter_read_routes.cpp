// Reading meters now and serving what was read:
//   POST /api/v1/meters/{id}/read           {"what": ["registers","instantaneous","status"]}
//   GET  /api/v1/meters/{id}/registers      latest read, or history with from/to
//   GET  /api/v1/meters/{id}/instantaneous  latest read, or history with from/to
//   GET  /api/v1/meters/{id}/status         latest snapshot and its edges (from/to)
#include <boost/json.hpp>
#include <set>

#include "api/json_reader.hpp"
#include "api/meter_data_support.hpp"
#include "api/problem.hpp"
#include "api/reading_json.hpp"
#include "api/routes.hpp"
#include "engine/reading_store.hpp"

namespace jemhead::api {

namespace json = boost::json;
using engine::kLatestInstantaneousKey;
using engine::kLatestRegistersKey;
using engine::kStatusLog;
using engine::latest_status;
using engine::store_instantaneous;
using engine::store_registers;
using engine::store_status;

namespace {

constexpr std::size_t kDefaultLimit = 1000;
constexpr std::size_t kMaxLimit = 10000;
// Status edges are found among the meter's events; at most this many are looked at per
// request, so a meter with a huge event log cannot make one request unbounded.
constexpr std::size_t kMaxEventsScanned = 20000;

std::vector<ReadKind> decode_what(const std::string& body) {
  const auto object = parse_json_object(body);
  Validation errors;
  JsonReader reader(object, "", errors);
  std::vector<ReadKind> kinds;
  const auto* what = reader.raw("what");
  reader.finish();
  if (!what) {
    errors.fail("what", "required: a list of registers, instantaneous, status");
  } else if (!what->is_array() || what->as_array().empty()) {
    errors.fail("what", "must be a non-empty list of " + allowed_texts<ReadKind>());
  } else {
    std::size_t i = 0;
    for (const auto& item : what->as_array()) {
      const auto* text = item.if_string();
      const auto kind = text ? from_text<ReadKind>(std::string_view(*text)) : std::nullopt;
      if (!kind)
        errors.fail("what/" + std::to_string(i), "must be one of " + allowed_texts<ReadKind>());
      else if (std::find(kinds.begin(), kinds.end(), *kind) == kinds.end())
        kinds.push_back(*kind);
      ++i;
    }
  }
  if (!errors.ok())
    throw ApiError(422, "read request is invalid: " + errors.summary(), errors.take());
  return kinds;
}

std::string outcome_of(const std::vector<ReadOutcome>& outcomes) {
  std::size_t failed = 0;
  for (const auto& o : outcomes) failed += o.error ? 1 : 0;
  return failed == 0 ? "ok" : failed == outcomes.size() ? "failed" : "partial";
}

net::HttpResponse read_now(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  require_json_body(call);
  const auto meter_id = path_id(call, "id", "meter");
  const auto kinds = decode_what(call.request.body);
  const auto target = load_meter_target(ctx, meter_id);
  const auto& access = meter_access(ctx);
  for (auto kind : kinds) access.route(target.profiles, capability_of(kind));  // 409 early

  // Recorded like the engine's manual runs (same kind names), so the job history's kind
  // filter finds reads made here too.
  std::string kind_text;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (i) kind_text += ',';
    kind_text += to_text(kinds[i]);
  }
  auto run = start_job(ctx, meter_id, kind_text);
  const auto outcomes = access.read(target.meter, target.profiles, kinds);

  json::object results;
  run.values = 0;
  ctx.repo.transact([&](storage::Store& s) {
    std::string errors;
    for (const auto& o : outcomes) {
      json::object r{{"profile", o.profile}};
      if (!o.map_source.empty()) r["map_source"] = o.map_source;
      if (o.error) {
        r["status"] = "error";
        r["error"] = to_json(*o.error);
        if (!errors.empty()) errors += "; ";
        errors += to_text(o.kind);
        errors += ": " + o.error->type + ": " + o.error->message;
      } else {
        r["status"] = "ok";
        std::size_t count = 0;
        switch (o.kind) {
          case ReadKind::registers:
            store_registers(s, meter_id, o.registers);
            count = o.registers.size();
            break;
          case ReadKind::instantaneous:
            store_instantaneous(s, meter_id, o.instantaneous);
            count = o.instantaneous.size();
            break;
          case ReadKind::status:
            r["edges"] = store_status(s, meter_id, *o.status);
            count = o.status->points.size();
            break;
        }
        r["count"] = count;
        run.values += static_cast<std::int64_t>(count);
      }
      results[to_text(o.kind)] = std::move(r);
    }
    run.outcome = outcome_of(outcomes);
    run.error = errors.substr(0, 2000);
    run.finished_at = utc_now();
    s.update_job_run(run);
  });
  auto body = job_json(run);
  body["results"] = std::move(results);
  return json_response(200, body);
}

std::size_t limit_from_query(const Call& call) {
  auto limit = query_int(call, "limit");
  if (!limit) return kDefaultLimit;
  if (*limit < 1 || *limit > static_cast<std::int64_t>(kMaxLimit))
    throw ApiError(400, "query parameter limit: must be between 1 and " + std::to_string(kMaxLimit),
                   {{"limit", "must be between 1 and " + std::to_string(kMaxLimit)}});
  return static_cast<std::size_t>(*limit);
}

// Without from/to: the latest read (every value sharing the newest read time). With either:
// the history in that range, oldest first.
storage::TimeRange range_for(ApiContext& ctx, const Call& call, std::int64_t meter_id,
                             const char* latest_key, bool& latest) {
  storage::TimeRange range{query_time(call, "from"), query_time(call, "to")};
  latest = !range.from && !range.to;
  if (!latest) return range;
  const auto stored = ctx.repo.checkpoint(meter_id, latest_key);
  const auto at = stored ? parse_iso8601(*stored) : std::nullopt;
  if (!at) return {UtcTime::max() - Micros(1), UtcTime::max()};  // nothing read yet
  return {*at, *at + Micros(1)};
}

std::int64_t require_meter(ApiContext& ctx, const Call& call) {
  const auto id = path_id(call, "id", "meter");
  if (!ctx.repo.find_meter(id)) throw ApiError(404, "no meter with id " + std::to_string(id));
  return id;
}

// Registers and instantaneous values answer alike: the latest read (no from/to) or the
// reads in a range, from the repository's `read` for that kind.
template <typename Read>
net::HttpResponse readings_response(ApiContext& ctx, Call& call, const char* latest_key,
                                    Read read) {
  allow_query(call, {"from", "to", "limit"});
  const auto meter_id = require_meter(ctx, call);
  bool latest = false;
  const auto range = range_for(ctx, call, meter_id, latest_key, latest);
  json::array items;
  for (const auto& r : read(meter_id, range, limit_from_query(call))) items.push_back(to_json(r));
  return json_response(200, json::object{{"latest", latest}, {"items", std::move(items)}});
}

net::HttpResponse get_registers(ApiContext& ctx, Call& call) {
  return readings_response(ctx, call, kLatestRegistersKey, [&](auto id, auto range, auto limit) {
    return ctx.repo.registers(id, range, limit);
  });
}

net::HttpResponse get_instantaneous(ApiContext& ctx, Call& call) {
  return readings_response(
      ctx, call, kLatestInstantaneousKey,
      [&](auto id, auto range, auto limit) { return ctx.repo.instantaneous(id, range, limit); });
}

net::HttpResponse get_status(ApiContext& ctx, Call& call) {
  allow_query(call, {"from", "to", "limit"});
  const auto meter_id = require_meter(ctx, call);
  const storage::TimeRange range{query_time(call, "from"), query_time(call, "to")};
  const auto limit = limit_from_query(call);
  json::array edges;
  storage::Page page{0, 1000};
  for (std::size_t scanned = 0; scanned < kMaxEventsScanned && edges.size() < limit;) {
    const auto events = ctx.repo.events(meter_id, range, page);
    for (const auto& e : events) {
      if (e.log != kStatusLog || edges.size() >= limit) continue;
      edges.push_back(json::object{
          {"point", e.code}, {"edge", e.description}, {"at", format_iso8601(e.event_time)}});
    }
    scanned += events.size();
    if (events.size() < page.limit) break;
    page.after_id = events.back().id;
  }
  const auto latest = latest_status(ctx.repo, meter_id);
  return json_response(
      200, json::object{{"latest", latest ? json::value(to_json(*latest)) : json::value(nullptr)},
                        {"edges", std::move(edges)}});
}

}  // namespace

void add_meter_read_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"POST", "/api/v1/meters/{id}/read", Role::operator_, bind(read_now)});
  router.add({"GET", "/api/v1/meters/{id}/registers", Role::viewer, bind(get_registers)});
  router.add({"GET", "/api/v1/meters/{id}/instantaneous", Role::viewer, bind(get_instantaneous)});
  router.add({"GET", "/api/v1/meters/{id}/status", Role::viewer, bind(get_status)});
}

}  // namespace jemhead::api
