// A meter's configuration as YAML or XML (issue 8): export of the latest version and
// import as a new version (source "import"), through api/config_formats. Passwords are
// masked in exports like in every GET; an imported file that still holds the mask keeps
// the latest version's password.
#include <boost/json.hpp>

#include "api/config_api_support.hpp"
#include "api/config_formats/config_formats.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

constexpr const char* kExport = "/api/v1/meters/{id}/config/export";
constexpr const char* kImport = "/api/v1/meters/{id}/config/import";

enum class Format { yaml, xml };

std::string media_type(const Call& call) {
  const auto type = call.request.header("content-type");
  std::string lower;
  for (char c : type.substr(0, type.find(';')))
    if (c != ' ') lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower;
}

net::HttpResponse export_config(ApiContext& ctx, Call& call) {
  allow_query(call, {"format", "version"});
  const auto id = path_id(call, "id", "meter");
  const auto& q = call.request.query;
  Format format = Format::yaml;
  if (auto it = q.find("format"); it != q.end()) {
    if (it->second == "xml")
      format = Format::xml;
    else if (it->second != "yaml")
      throw ApiError(400, "format must be yaml or xml", {{"format", "yaml or xml"}});
  }
  const auto meter = config_meter(ctx.repo, id);
  std::optional<ConfigVersion> version;
  if (const auto n = query_int(call, "version"))
    version = config_version_or_404(ctx.repo, id, *n);
  else
    version = ctx.repo.latest_config_version(id);
  if (!version) throw no_version_yet(id);
  const auto masked = mask_config_secrets(stored_document(version->document_json));
  const auto config = config::read_json(masked).config;

  net::HttpResponse r;
  r.status = 200;
  std::string name = "meter-";
  name += std::to_string(id);
  name += "-config-v";
  name += std::to_string(version->version);
  if (format == Format::yaml) {
    r.content_type = "application/yaml";
    r.body = config::to_yaml(config);
    name += ".yaml";
  } else {
    r.content_type = "application/xml";
    r.body = config::to_xml(config);
    name += ".xml";
  }
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

// POST the file (Content-Type application/yaml or application/xml); ?reason= is stored.
net::HttpResponse import_config(ApiContext& ctx, Call& call) {
  allow_query(call, {"reason"});
  const auto id = path_id(call, "id", "meter");
  const auto type = media_type(call);
  Format format = Format::yaml;
  if (type == "application/yaml" || type == "application/x-yaml" || type == "text/yaml")
    format = Format::yaml;
  else if (type == "application/xml" || type == "text/xml")
    format = Format::xml;
  else
    throw ApiError(415, "the configuration file must be application/yaml or application/xml");
  std::string reason;
  if (auto it = call.request.query.find("reason"); it != call.request.query.end())
    reason = it->second;

  const auto read = format == Format::yaml ? config::from_yaml_text(call.request.body)
                                           : config::from_xml_text(call.request.body);
  // Every problem ends here except those of passwords: a masked one is restored from the
  // latest version below and the whole document is validated again.
  config::Problems problems;
  for (const auto& p : read.problems) {
    const auto leaf = p.path.substr(p.path.find_last_of('.') + 1);
    if (!is_config_secret_key(leaf)) problems.push_back(p);
  }
  if (!problems.empty()) return config_problems_response("configuration file", problems);

  ConfigVersion stored;
  ctx.repo.transact([&](storage::Store& s) {
    config_meter(s, id);
    const auto reference = latest_document(s, id);
    auto checked = check_document(config::to_json(read.config), reference ? &*reference : nullptr);
    if (!checked.problems.empty()) {
      problems = std::move(checked.problems);
      return;
    }
    stored = s.insert_config_version(
        new_config_version(call, id, reason, checked.normalised, ConfigSource::import_));
    s.append_audit(audit_entry(call, "config.import", meter_target(id),
                               json::object{{"version", stored.version},
                                            {"reason", reason},
                                            {"format", format == Format::yaml ? "yaml" : "xml"}}));
  });
  if (!problems.empty()) return config_problems_response("configuration file", problems);
  return created_response(version_json(stored, true), version_location(id, stored.version));
}

}  // namespace

void add_config_format_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"GET", kExport, Role::viewer, bind(export_config)});
  router.add({"POST", kImport, Role::operator_, bind(import_config)});
}

}  // namespace jemhead::api
