// Configuration pushes and read-backs (issue 8):
//   POST /api/v1/meters/{id}/config/push       (operator) {"version": n (default latest),
//        "sections": [...] (default: every changed section), "confirm": bool, "clock": bool,
//        "presets": [{"point","value"}], "outputs": [{"output","on"}]} -> 202 with the push
//   GET  /api/v1/meters/{id}/config/pushes     (viewer) the meter's pushes, newest first
//   GET  /api/v1/config-pushes/{id}            (viewer) one push with its results
//   GET  /api/v1/meters/{id}/config/readbacks  (viewer) read-backs, newest first
//   POST /api/v1/meters/{id}/config/readback   (operator) read back now and compare with
//        the latest version -> 200 with the read-back (a drift raises an alarm)
// The work itself is engine::ConfigPushRunner's; a push is answered once it is recorded
// (queued, or refused when a destructive change lacks "confirm") and runs in the background.
#include <boost/json.hpp>

#include "api/config_api_support.hpp"
#include "api/json_reader.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"
#include "api/write_command_json.hpp"
#include "engine/config_push_runner.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxItems = 300;  // a meter has at most 300 counters
constexpr std::size_t kMaxSections = 32;

engine::ConfigPushRunner& runner(ApiContext& ctx) {
  if (!ctx.options.config_push)
    throw ApiError(503, "configuration pushes are not available (no push runner)");
  return *ctx.options.config_push;
}

json::value parsed_or_text(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return json::value(text);
  return v;
}

json::value time_or_null(const std::optional<UtcTime>& t) {
  return t ? json::value(format_iso8601(*t)) : json::value(nullptr);
}

// Sections whose result leaves them pending on the version (nothing wrote them).
bool pending_outcome(const std::string& outcome) {
  return outcome == engine::kNotDeliverable || outcome == "refused_mid" ||
         outcome == "refused_by_meter" || outcome == "failed";
}

json::object push_json(const ConfigPush& p) {
  json::array sections;
  for (const auto& s : p.sections) sections.emplace_back(s);
  json::array results;
  json::array pending;
  for (const auto& r : p.results) {
    results.push_back(json::object{{"section", r.section},
                                   {"outcome", r.outcome},
                                   {"detail", r.detail},
                                   {"protocol", r.protocol}});
    const bool section =
        std::find(p.sections.begin(), p.sections.end(), r.section) != p.sections.end();
    if (section && pending_outcome(r.outcome)) pending.emplace_back(r.section);
  }
  // The request's operations travel in impact_json (engine/config_push_runner.cpp).
  auto impact = parsed_or_text(p.impact_json);
  json::value operations = json::object{};
  if (auto* o = impact.if_object()) {
    if (auto* ops = o->if_contains("requested_operations")) operations = *ops;
    o->erase("requested_operations");
  }
  return json::object{{"id", p.id},
                      {"meter_id", p.meter_id},
                      {"version", p.version},
                      {"sections", std::move(sections)},
                      {"confirmed", p.confirmed},
                      {"operations", std::move(operations)},
                      {"requested_by", p.requested_by},
                      {"requested_at", format_iso8601(p.requested_at)},
                      {"started_at", time_or_null(p.started_at)},
                      {"finished_at", time_or_null(p.finished_at)},
                      {"status", to_text(p.status)},
                      {"results", std::move(results)},
                      {"pending_sections", std::move(pending)},
                      {"error", p.error},
                      {"impact", std::move(impact)}};
}

json::object readback_json(const ConfigReadback& r) {
  return json::object{
      {"id", r.id},
      {"meter_id", r.meter_id},
      {"read_at", format_iso8601(r.read_at)},
      {"compared_version",
       r.compared_version ? json::value(*r.compared_version) : json::value(nullptr)},
      {"trigger", r.trigger},
      {"drift", r.drift},
      {"observed", parsed_or_text(r.observed_json)},
      {"differences", parsed_or_text(r.differences_json)},
  };
}

[[noreturn]] void rethrow(const engine::ConfigPushRejected& e) {
  std::vector<FieldError> errors;
  for (const auto& [field, message] : e.problems) errors.push_back({field, message});
  throw ApiError(e.status, e.what(), std::move(errors));
}

const json::array* list_of(JsonReader& reader, const char* key, std::size_t max) {
  const auto* v = reader.raw(key);
  if (!v) return nullptr;
  if (!v->is_array() || v->as_array().size() > max) {
    std::string message = "must be a list of at most ";
    message += std::to_string(max);
    message += " items";
    reader.errors().fail(key, std::move(message));
    return nullptr;
  }
  return &v->as_array();
}

engine::ConfigPushRequest decode_push(const std::string& body_text) {
  engine::ConfigPushRequest out;
  if (body_text.empty()) return out;
  const auto body = parse_json_object(body_text);
  Validation errors;
  JsonReader reader(body, "", errors);
  if (const auto* v = reader.raw("version"); v && !v->is_null()) {
    if (const auto* i = v->if_int64(); i && *i >= 1)
      out.version = *i;
    else if (const auto* u = v->if_uint64(); u && *u >= 1 && *u < (1ull << 62))
      out.version = static_cast<std::int64_t>(*u);
    else
      errors.fail("version", "must be a version number (1 or more)");
  }
  if (const auto* list = list_of(reader, "sections", kMaxSections)) {
    std::vector<std::string> sections;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto* s = (*list)[i].if_string();
      if (s && !s->empty() && s->size() <= 64) {
        sections.emplace_back(*s);
        continue;
      }
      std::string where = "sections/";
      where += std::to_string(i);
      errors.fail(where, "must be a section name");
    }
    out.sections = std::move(sections);
  }
  for (const char* key : {"confirm", "clock"}) {
    const auto* v = reader.raw(key);
    if (!v) continue;
    if (!v->is_bool()) {
      errors.fail(key, "must be true or false");
      continue;
    }
    (std::string_view(key) == "confirm" ? out.confirm : out.clock) = v->as_bool();
  }
  if (const auto* list = list_of(reader, "presets", kMaxItems))
    for (std::size_t i = 0; i < list->size(); ++i)
      if (auto preset = preset_item((*list)[i], "presets", i, errors))
        out.presets.push_back(std::move(*preset));
  if (const auto* list = list_of(reader, "outputs", kMaxItems))
    for (std::size_t i = 0; i < list->size(); ++i)
      if (auto command =
              output_item((*list)[i], "outputs", i, errors, "must be an output number or name"))
        out.outputs.push_back(std::move(*command));
  reader.finish();
  if (!errors.ok())
    throw ApiError(422, "the push request is invalid: " + errors.summary(), errors.take());
  return out;
}

void require_meter(ApiContext& ctx, std::int64_t meter_id) {
  if (!ctx.repo.find_meter(meter_id))
    throw ApiError(404, "no meter with id " + std::to_string(meter_id));
}

net::HttpResponse post_push(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  if (!call.request.body.empty()) require_json_body(call);
  const auto meter_id = path_id(call, "id", "meter");
  require_meter(ctx, meter_id);
  auto request = decode_push(call.request.body);
  request.meter_id = meter_id;
  request.requested_by = call.principal.name;
  auto& r = runner(ctx);
  try {
    const auto push = r.submit(request);
    auto response = json_response(202, push_json(push));
    std::string location = "/api/v1/config-pushes/";
    location += std::to_string(push.id);
    response.headers.emplace_back("Location", std::move(location));
    return response;
  } catch (const engine::ConfigPushRejected& e) {
    rethrow(e);
  }
}

net::HttpResponse list_pushes(ApiContext& ctx, Call& call) {
  allow_query(call, {"after", "limit"});
  const auto meter_id = path_id(call, "id", "meter");
  require_meter(ctx, meter_id);
  const auto page = page_from_query(call);
  return json_response(200, records_page(ctx.repo.config_pushes(meter_id, page), push_json, page));
}

net::HttpResponse get_push(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "configuration push");
  const auto push = ctx.repo.config_push(id);
  if (!push) throw ApiError(404, "no configuration push with id " + std::to_string(id));
  return json_response(200, push_json(*push));
}

net::HttpResponse list_readbacks(ApiContext& ctx, Call& call) {
  allow_query(call, {"after", "limit"});
  const auto meter_id = path_id(call, "id", "meter");
  require_meter(ctx, meter_id);
  const auto page = page_from_query(call);
  return json_response(
      200, records_page(ctx.repo.config_readbacks(meter_id, page), readback_json, page));
}

net::HttpResponse post_readback(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto meter_id = path_id(call, "id", "meter");
  require_meter(ctx, meter_id);
  auto& r = runner(ctx);
  ConfigReadback readback;
  try {
    readback = r.readback_now(meter_id, "manual");
  } catch (const engine::ConfigPushRejected& e) {
    rethrow(e);
  }
  const auto body = readback_json(readback);
  ctx.repo.append_audit(
      audit_entry(call, "config.readback", meter_target(meter_id),
                  json::object{{"readback", readback.id},
                               {"drift", readback.drift},
                               {"compared_version", body.at("compared_version")}}));
  return json_response(200, body);
}

}  // namespace

void add_config_push_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"POST", "/api/v1/meters/{id}/config/push", Role::operator_, bind(post_push)});
  router.add({"GET", "/api/v1/meters/{id}/config/pushes", Role::viewer, bind(list_pushes)});
  router.add({"GET", "/api/v1/config-pushes/{id}", Role::viewer, bind(get_push)});
  router.add({"GET", "/api/v1/meters/{id}/config/readbacks", Role::viewer, bind(list_readbacks)});
  router.add({"POST", "/api/v1/meters/{id}/config/readback", Role::operator_, bind(post_readback)});
}

}  // namespace jemhead::api
