// A meter's configuration (issue 8): the current version and new ones, the version
// history, diffs, validation, impact of a change, the per-meter overrides over the
// group's template, and the document's JSON Schema. Group templates are in
// config_template_routes.cpp, YAML/XML export and import in config_format_routes.cpp.
#include <algorithm>
#include <boost/json.hpp>

#include "api/config_api_support.hpp"
#include "api/json_reader.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"
#include "core/config/config_impact.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr const char* kConfig = "/api/v1/meters/{id}/config";
constexpr const char* kVersions = "/api/v1/meters/{id}/config/versions";
constexpr const char* kVersion = "/api/v1/meters/{id}/config/versions/{n}";
constexpr const char* kDiff = "/api/v1/meters/{id}/config/diff";
constexpr const char* kValidate = "/api/v1/meters/{id}/config/validate";
constexpr const char* kImpact = "/api/v1/meters/{id}/config/impact";
constexpr const char* kOverrides = "/api/v1/meters/{id}/config/overrides";
constexpr const char* kSchema = "/api/v1/config/schema";

// The names of the sections that differ between two documents (for the audit log, which
// gets no values: documents hold passwords).
json::array changed_sections(const json::value& before, const json::value& after) {
  std::vector<config::ConfigChange> changes;
  config::diff_json(before, after, "", changes);
  json::array names;
  for (const auto& s : sections_json(changes)) names.push_back(s.at("section"));
  return names;
}

net::HttpResponse get_current(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "meter");
  config_meter(ctx.repo, id);
  const auto latest = ctx.repo.latest_config_version(id);
  if (!latest) throw no_version_yet(id);
  return json_response(200, version_json(*latest, true));
}

// PUT {document, reason}: a new version from the operator. Passwords sent masked keep the
// latest version's.
net::HttpResponse put_current(ApiContext& ctx, Call& call) {
  require_json_body(call);
  const auto id = path_id(call, "id", "meter");
  const auto body = parse_json_object(call.request.body);
  allow_members(body, {"document", "reason"});
  auto document = document_member(body);
  const auto reason = string_member(body, "reason");

  config::Problems problems;
  ConfigVersion stored;
  ctx.repo.transact([&](storage::Store& s) {
    config_meter(s, id);
    const auto reference = latest_document(s, id);
    auto checked = check_document(std::move(document), reference ? &*reference : nullptr);
    if (!checked.problems.empty()) {
      problems = std::move(checked.problems);
      return;  // nothing written
    }
    stored = s.insert_config_version(
        new_config_version(call, id, reason, checked.normalised, ConfigSource::operator_));
    const json::value before = reference ? *reference : json::value(json::object{});
    s.append_audit(audit_entry(
        call, "config.update", meter_target(id),
        json::object{{"version", stored.version},
                     {"reason", reason},
                     {"source", to_text(stored.source)},
                     {"changed_sections", changed_sections(before, checked.normalised)}}));
  });
  if (!problems.empty()) return config_problems_response("configuration", problems);
  return created_response(version_json(stored, true), version_location(id, stored.version));
}

net::HttpResponse list_versions(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "meter");
  config_meter(ctx.repo, id);
  json::array items;
  for (const auto& v : ctx.repo.config_versions(id)) items.push_back(version_json(v, false));
  return json_response(200, json::object{{"items", std::move(items)}});
}

net::HttpResponse get_version(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "meter");
  const auto n = path_id(call, "n", "configuration version");
  config_meter(ctx.repo, id);
  return json_response(200, version_json(config_version_or_404(ctx.repo, id, n), true));
}

// ?from=&to=: `to` defaults to the latest version, `from` to the one before `to`.
net::HttpResponse get_diff(ApiContext& ctx, Call& call) {
  allow_query(call, {"from", "to"});
  const auto id = path_id(call, "id", "meter");
  config_meter(ctx.repo, id);
  auto to = query_int(call, "to");
  if (!to) {
    const auto latest = ctx.repo.latest_config_version(id);
    if (!latest) throw no_version_yet(id);
    to = latest->version;
  }
  const auto from = query_int(call, "from").value_or(*to - 1);
  const auto a = config_version_or_404(ctx.repo, id, from);
  const auto b = config_version_or_404(ctx.repo, id, *to);
  std::vector<config::ConfigChange> changes;
  config::diff_json(stored_document(a.document_json), stored_document(b.document_json), "",
                    changes);
  return json_response(200, json::object{{"from", from},
                                         {"to", *to},
                                         {"change_count", changes.size()},
                                         {"sections", sections_json(changes)}});
}

// POST a document (the body itself): every problem, nothing stored.
net::HttpResponse post_validate(ApiContext& ctx, Call& call) {
  require_json_body(call);
  const auto id = path_id(call, "id", "meter");
  json::value document = parse_json_object(call.request.body);
  config_meter(ctx.repo, id);
  const auto reference = latest_document(ctx.repo, id);
  const auto checked = check_document(std::move(document), reference ? &*reference : nullptr);
  return json_response(200, json::object{{"valid", checked.problems.empty()},
                                         {"problems", problems_json(checked.problems)}});
}

// POST {document} or {version}: what going from the latest version to it would do. A
// meter without versions is compared with the factory defaults.
net::HttpResponse post_impact(ApiContext& ctx, Call& call) {
  require_json_body(call);
  const auto id = path_id(call, "id", "meter");
  const auto body = parse_json_object(call.request.body);
  allow_members(body, {"document", "version"});
  config_meter(ctx.repo, id);
  const auto latest = ctx.repo.latest_config_version(id);
  const json::object from = latest ? stored_document(latest->document_json).as_object()
                                   : config::to_json(config::MeterConfiguration{});

  json::object to;
  std::optional<std::int64_t> to_version;
  if (const auto* version = body.if_contains("version"); version && !version->is_null()) {
    if (body.contains("document"))
      throw ApiError(422, "send either document or version, not both",
                     {{"version", "not with document"}});
    if (!version->is_int64())
      throw ApiError(422, "version must be an integer", {{"version", "must be an integer"}});
    const auto v = config_version_or_404(ctx.repo, id, version->as_int64());
    to = stored_document(v.document_json).as_object();
    to_version = v.version;
  } else {
    json::value reference = from;
    auto checked = check_document(document_member(body), &reference);
    if (!checked.problems.empty())
      return config_problems_response("configuration", checked.problems);
    to = std::move(checked.normalised);
  }
  const auto report = config::analyse_impact_json(from, to);
  auto out = config::to_json(report);
  if (auto* sections = out.if_contains("sections"); sections && sections->is_array()) {
    // The changes hold values, passwords among them.
    for (auto& section : sections->as_array())
      if (auto* changes = section.as_object().if_contains("changes"))
        for (auto& change : changes->as_array()) {
          auto& c = change.as_object();
          const std::string path(c.at("path").as_string());
          c["old"] = masked_change_value(path, c.at("old"));
          c["new"] = masked_change_value(path, c.at("new"));
        }
  }
  out["from_version"] = latest ? json::value(latest->version) : json::value(nullptr);
  out["to_version"] = to_version ? json::value(*to_version) : json::value(nullptr);
  return json_response(200, out);
}

net::HttpResponse get_schema(ApiContext&, Call& call) {
  allow_query(call, {});
  return json_response(200, config::json_schema());
}

// The template the meter's overrides apply to: its group's latest, else factory defaults.
json::value override_base(storage::Store& s, const Meter& meter) {
  if (meter.group_id)
    if (auto t = s.latest_template_version(*meter.group_id))
      return stored_document(t->document_json);
  return config::to_json(config::MeterConfiguration{});
}

net::HttpResponse get_overrides(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto id = path_id(call, "id", "meter");
  config_meter(ctx.repo, id);
  const auto o = ctx.repo.config_overrides(id);
  json::object out;
  out["patch"] = mask_config_secrets(stored_document(o.patch_json));
  out["updated_at"] =
      o.updated_at == UtcTime{} ? json::value(nullptr) : json::value(format_iso8601(o.updated_at));
  out["author"] = o.author;
  return json_response(200, out);
}

// PUT a JSON merge patch (the body itself) replacing the meter's overrides. The patch
// applied to the group's template (or the factory defaults) must validate.
net::HttpResponse put_overrides(ApiContext& ctx, Call& call) {
  const auto type = call.request.header("content-type");
  if (type.rfind("application/merge-patch+json", 0) != 0) require_json_body(call);
  const auto id = path_id(call, "id", "meter");
  json::value patch = parse_json_object(call.request.body);

  config::Problems problems;
  ConfigOverrides stored;
  ctx.repo.transact([&](storage::Store& s) {
    const auto meter = config_meter(s, id);
    const auto previous = s.config_overrides(id);
    const auto previous_patch = stored_document(previous.patch_json);
    restore_config_secrets(patch, &previous_patch, problems);
    if (!problems.empty()) return;
    auto merged = merge_patch(override_base(s, meter), patch);
    auto checked = check_document(std::move(merged), nullptr);
    if (!checked.problems.empty()) {
      problems = std::move(checked.problems);
      return;
    }
    stored.meter_id = id;
    stored.patch_json = json::serialize(patch);
    stored.updated_at = utc_now();
    stored.author = call.principal.name;
    s.put_config_overrides(stored);
    s.append_audit(
        audit_entry(call, "config.overrides.update", meter_target(id),
                    json::object{{"changed_sections", changed_sections(previous_patch, patch)}}));
  });
  if (!problems.empty()) return config_problems_response("configuration overrides", problems);
  json::object out;
  out["patch"] = mask_config_secrets(stored_document(stored.patch_json));
  out["updated_at"] = format_iso8601(stored.updated_at);
  out["author"] = stored.author;
  return json_response(200, out);
}

}  // namespace

void add_config_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"GET", kConfig, Role::viewer, bind(get_current)});
  router.add({"PUT", kConfig, Role::operator_, bind(put_current)});
  router.add({"GET", kVersions, Role::viewer, bind(list_versions)});
  router.add({"GET", kVersion, Role::viewer, bind(get_version)});
  router.add({"GET", kDiff, Role::viewer, bind(get_diff)});
  router.add({"POST", kValidate, Role::viewer, bind(post_validate)});
  router.add({"POST", kImpact, Role::viewer, bind(post_impact)});
  router.add({"GET", kOverrides, Role::viewer, bind(get_overrides)});
  router.add({"PUT", kOverrides, Role::operator_, bind(put_overrides)});
  router.add({"GET", kSchema, Role::viewer, bind(get_schema)});
  add_config_template_routes(router, ctx);
  add_config_format_routes(router, ctx);
}

}  // namespace jemhead::api
