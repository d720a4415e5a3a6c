#include "api/config_api_support.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "api/problem.hpp"

namespace jemhead::api {

namespace json = boost::json;

bool is_config_secret_key(std::string_view key) {
  constexpr std::string_view kWord = "password";
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  const auto it = std::search(key.begin(), key.end(), kWord.begin(), kWord.end(),
                              [&](char a, char b) { return lower(a) == b; });
  return it != key.end();
}

json::value mask_config_secrets(json::value v) {
  if (auto* o = v.if_object()) {
    for (auto& kv : *o) {
      if (is_config_secret_key(kv.key()) && kv.value().is_string())
        kv.value() = json::string(kMaskedSecret);
      else
        kv.value() = mask_config_secrets(std::move(kv.value()));
    }
  } else if (auto* a = v.if_array()) {
    for (auto& item : *a) item = mask_config_secrets(std::move(item));
  }
  return v;
}

namespace {

void restore_at(json::value& incoming, const json::value* reference, const std::string& path,
                config::Problems& problems) {
  if (auto* o = incoming.if_object()) {
    const json::object* ref = reference ? reference->if_object() : nullptr;
    for (auto& kv : *o) {
      const json::value* ref_child = ref ? ref->if_contains(kv.key()) : nullptr;
      std::string at = path;
      if (!at.empty()) at += '.';
      at += kv.key();
      if (is_config_secret_key(kv.key()) && kv.value().is_string() &&
          kv.value().get_string() == kMaskedSecret) {
        if (ref_child && ref_child->is_string()) {
          kv.value() = *ref_child;
        } else {
          problems.push_back({at, "masked_secret",
                              "the masked password stands for a stored one, but none is stored "
                              "at this path: send the password itself",
                              ""});
        }
        continue;
      }
      restore_at(kv.value(), ref_child, at, problems);
    }
  } else if (auto* a = incoming.if_array()) {
    const json::array* ref = reference ? reference->if_array() : nullptr;
    for (std::size_t i = 0; i < a->size(); ++i) {
      std::string at = path;
      at += '[';
      at += std::to_string(i);
      at += ']';
      restore_at((*a)[i], ref && i < ref->size() ? &(*ref)[i] : nullptr, at, problems);
    }
  }
}

std::string section_of(const std::string& path) {
  return path.substr(0, path.find_first_of(".["));
}

}  // namespace

void restore_config_secrets(json::value& incoming, const json::value* reference,
                            config::Problems& problems) {
  restore_at(incoming, reference, "", problems);
}

json::value merge_patch(json::value target, const json::value& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = json::object{};
  auto& t = target.get_object();
  for (const auto& kv : patch.get_object()) {
    if (kv.value().is_null()) {
      t.erase(kv.key());
    } else {
      json::value current = t.contains(kv.key()) ? t.at(kv.key()) : json::value(nullptr);
      t[kv.key()] = merge_patch(std::move(current), kv.value());
    }
  }
  return target;
}

json::value masked_change_value(const std::string& path, const json::value& v) {
  const auto dot = path.find_last_of('.');
  const std::string_view leaf =
      dot == std::string::npos ? std::string_view(path) : std::string_view(path).substr(dot + 1);
  if (is_config_secret_key(leaf) && v.is_string()) return json::string(kMaskedSecret);
  return mask_config_secrets(v);
}

json::array problems_json(const config::Problems& problems) {
  json::array out;
  for (const auto& p : problems)
    out.push_back(
        json::object{{"path", p.path}, {"rule", p.rule}, {"message", p.message}, {"seed", p.seed}});
  return out;
}

net::HttpResponse config_problems_response(const std::string& what,
                                           const config::Problems& problems) {
  std::vector<FieldError> errors;
  for (const auto& p : problems) errors.push_back({p.path, p.message});
  std::string detail = what;
  detail += " is invalid: ";
  detail += std::to_string(problems.size());
  detail += problems.size() == 1 ? " problem" : " problems";
  if (!problems.empty()) {
    detail += ", first ";
    detail += problems.front().path.empty() ? "(document)" : problems.front().path;
    detail += ": ";
    detail += problems.front().message;
  }
  auto r = problem_response(422, detail, errors);
  auto body = json::parse(r.body).as_object();
  body["problems"] = problems_json(problems);
  r.body = json::serialize(body);
  return r;
}

json::value stored_document(const std::string& document_json) {
  boost::system::error_code ec;
  auto v = json::parse(document_json, ec);
  if (ec || !v.is_object())
    throw storage::StorageError("a stored configuration document is not a JSON object");
  return v;
}

config::MeterConfiguration stored_configuration(const std::string& document_json) {
  return config::read_json(stored_document(document_json)).config;
}

namespace {

// What a meter's version and a group template's version both say of themselves.
template <typename Version>
json::object version_head(const Version& v) {
  json::object o;
  o["version"] = v.version;
  o["created_at"] = format_iso8601(v.created_at);
  o["author"] = v.author;
  o["reason"] = v.reason;
  return o;
}

}  // namespace

json::object version_json(const ConfigVersion& v, bool with_document) {
  auto o = version_head(v);
  o["source"] = to_text(v.source);
  o["template_version"] =
      v.template_version ? json::value(*v.template_version) : json::value(nullptr);
  if (with_document) {
    const auto document = stored_document(v.document_json);
    const auto read = config::read_json(document);
    auto problems = read.problems;
    const auto more = config::validate(read.config);
    problems.insert(problems.end(), more.begin(), more.end());
    o["document"] = mask_config_secrets(document);
    o["derived"] = config::derived_values(read.config);
    o["problems"] = problems_json(problems);
  }
  return o;
}

json::object template_json(const ConfigTemplateVersion& v, bool with_document) {
  auto o = version_head(v);
  if (with_document) o["document"] = mask_config_secrets(stored_document(v.document_json));
  return o;
}

std::string meter_target(std::int64_t meter_id) {
  std::string target = "meter/";
  target += std::to_string(meter_id);
  return target;
}

std::string version_location(std::int64_t meter_id, std::int64_t version) {
  std::string location = "/api/v1/meters/";
  location += std::to_string(meter_id);
  location += "/config/versions/";
  location += std::to_string(version);
  return location;
}

ApiError no_version_yet(std::int64_t meter_id) {
  std::string detail = "meter ";
  detail += std::to_string(meter_id);
  detail += " has no configuration version yet";
  return ApiError(404, detail);
}

std::optional<json::value> latest_document(storage::Store& s, std::int64_t meter_id) {
  auto latest = s.latest_config_version(meter_id);
  if (!latest) return std::nullopt;
  return stored_document(latest->document_json);
}

ConfigVersion new_config_version(const Call& call, std::int64_t meter_id, std::string reason,
                                 const json::object& normalised, ConfigSource source) {
  ConfigVersion v;
  v.meter_id = meter_id;
  v.author = call.principal.name;
  v.reason = std::move(reason);
  v.document_json = json::serialize(normalised);
  v.source = source;
  return v;
}

Meter config_meter(storage::Store& s, std::int64_t meter_id) {
  auto m = s.find_meter(meter_id);
  if (!m) throw ApiError(404, "no meter with id " + std::to_string(meter_id));
  return *m;
}

ConfigVersion config_version_or_404(storage::Store& s, std::int64_t meter_id, std::int64_t n) {
  auto v = s.config_version(meter_id, n);
  if (!v) {
    std::string detail = "meter ";
    detail += std::to_string(meter_id);
    detail += " has no configuration version ";
    detail += std::to_string(n);
    throw ApiError(404, detail);
  }
  return *v;
}

json::array sections_json(const std::vector<config::ConfigChange>& changes) {
  json::array out;
  std::vector<std::string> order;
  for (const auto& c : changes) {
    const auto section = section_of(c.path);
    auto it = std::find(order.begin(), order.end(), section);
    std::size_t index = static_cast<std::size_t>(it - order.begin());
    if (it == order.end()) {
      order.push_back(section);
      out.push_back(json::object{{"section", section}, {"changes", json::array{}}});
    }
    out[index].as_object()["changes"].as_array().push_back(
        json::object{{"path", c.path},
                     {"old", masked_change_value(c.path, c.old_value)},
                     {"new", masked_change_value(c.path, c.new_value)}});
  }
  return out;
}

CheckedDocument check_document(json::value document, const json::value* reference) {
  CheckedDocument out;
  restore_config_secrets(document, reference, out.problems);
  auto read = config::from_json(document);
  out.problems.insert(out.problems.end(), read.problems.begin(), read.problems.end());
  out.config = std::move(read.config);
  out.normalised = config::to_json(out.config);
  return out;
}

void allow_members(const json::object& body, std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : body)
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) {
      std::string field(kv.key());
      std::string detail = "unknown field ";
      detail += field;
      throw ApiError(422, detail, {{field, "unknown field"}});
    }
}

json::value document_member(const json::object& body) {
  const auto* d = body.if_contains("document");
  if (!d || !d->is_object())
    throw ApiError(400, "the body needs \"document\": the configuration as a JSON object",
                   {{"document", "required, a JSON object"}});
  return *d;
}

std::string string_member(const json::object& body, std::string_view key) {
  const auto* v = body.if_contains(key);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) {
    std::string detail(key);
    detail += " must be a string";
    throw ApiError(422, detail, {{std::string(key), "must be a string"}});
  }
  return std::string(v->get_string());
}

}  // namespace jemhead::api
