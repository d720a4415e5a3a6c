#include "api/handler_support.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "api/problem.hpp"
#include "api/secrets.hpp"
#include "engine/collection_engine.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxPageLimit = 1000;

std::optional<std::int64_t> to_int(std::string_view text) {
  std::int64_t v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc{} || p != end || text.empty()) return std::nullopt;
  return v;
}

[[noreturn]] void bad_parameter(const std::string& name, const std::string& message) {
  throw ApiError(400, "query parameter " + name + ": " + message, {{name, message}});
}

}  // namespace

net::HttpResponse json_response(int status, const json::value& body) {
  net::HttpResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = json::serialize(body);
  return r;
}

net::HttpResponse created_response(const json::value& body, const std::string& location) {
  auto r = json_response(201, body);
  r.headers.emplace_back("Location", location);
  return r;
}

net::HttpResponse no_content() {
  net::HttpResponse r;
  r.status = 204;
  return r;
}

std::int64_t path_id(const Call& call, const std::string& name, std::string_view what) {
  const auto& text = call.params.at(name);
  auto id = to_int(text);
  if (!id || *id <= 0)
    throw ApiError(404, "no " + std::string(what) + " with id '" + text.substr(0, 32) + "'");
  return *id;
}

void allow_query(const Call& call, std::initializer_list<std::string_view> allowed) {
  for (const auto& [name, value] : call.request.query) {
    bool ok = false;
    for (auto a : allowed) ok = ok || a == name;
    if (!ok) bad_parameter(name.substr(0, 64), "unknown query parameter");
  }
}

std::optional<std::int64_t> query_int(const Call& call, const std::string& name) {
  auto it = call.request.query.find(name);
  if (it == call.request.query.end()) return std::nullopt;
  auto v = to_int(it->second);
  if (!v) bad_parameter(name, "must be an integer");
  return v;
}

std::optional<bool> query_bool(const Call& call, const std::string& name) {
  auto it = call.request.query.find(name);
  if (it == call.request.query.end()) return std::nullopt;
  if (it->second == "true") return true;
  if (it->second == "false") return false;
  bad_parameter(name, "must be true or false");
}

std::optional<UtcTime> query_time(const Call& call, const std::string& name) {
  auto it = call.request.query.find(name);
  if (it == call.request.query.end()) return std::nullopt;
  auto t = parse_iso8601(it->second);
  if (!t) bad_parameter(name, "must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z");
  return t;
}

storage::Page page_from_query(const Call& call) {
  storage::Page page;
  if (auto after = query_int(call, "after")) {
    if (*after < 0) bad_parameter("after", "must be >= 0");
    page.after_id = *after;
  }
  if (auto limit = query_int(call, "limit")) {
    if (*limit < 1 || *limit > static_cast<std::int64_t>(kMaxPageLimit))
      bad_parameter("limit", "must be between 1 and " + std::to_string(kMaxPageLimit));
    page.limit = static_cast<std::size_t>(*limit);
  }
  return page;
}

void require_json_body(const Call& call) {
  const auto type = call.request.header("content-type");
  const auto media = type.substr(0, type.find(';'));
  std::string lower;
  for (char c : media)
    if (c != ' ') lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower != "application/json")
    throw ApiError(415, "request body must be application/json (got '" + type.substr(0, 64) + "')");
}

json::object page_body(json::array items, std::int64_t last_id, std::size_t limit) {
  const bool full = items.size() == limit && limit > 0;
  json::object out;
  out["items"] = std::move(items);
  out["next_after"] = full ? json::value(last_id) : json::value(nullptr);
  return out;
}

AuditEntry audit_entry(const Call& call, std::string action, std::string target,
                       const json::value& detail) {
  AuditEntry e;
  e.at = utc_now();
  e.actor = call.principal.name;
  e.action = std::move(action);
  e.target = std::move(target);
  e.detail_json = json::serialize(redact_secrets(detail));
  return e;
}

void fleet_changed(ApiContext& ctx) {
  if (ctx.options.engine) ctx.options.engine->fleet_changed();
}

json::object changed_fields(const json::object& before, const json::object& after) {
  json::object was, now;
  for (const auto& [key, value] : after) {
    if (key == "updated_at") continue;  // always changes; the audit entry has its own time
    const auto* old = before.if_contains(key);
    if (old && *old == value) continue;
    was[key] = old ? *old : json::value(nullptr);
    now[key] = value;
  }
  return json::object{{"before", std::move(was)}, {"after", std::move(now)}};
}

}  // namespace jemhead::api
