#include "drivers/protocol/pqdif_http/http_options.hpp"

#include <boost/json.hpp>

namespace jemhead::pqdif_http {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxOptionsBytes = 8192;
constexpr std::size_t kMaxTextBytes = 1024;

void read_text(const json::value& value, const std::string& field, Validation& v,
               std::string& out) {
  const auto* s = value.if_string();
  if (!s)
    v.fail(field, "must be a string");
  else if (s->size() > kMaxTextBytes)
    v.fail(field, "longer than " + std::to_string(kMaxTextBytes) + " bytes");
  else
    out = std::string(*s);
}

void read_bool(const json::value& value, const std::string& field, Validation& v, bool& out) {
  if (const auto* b = value.if_bool())
    out = *b;
  else
    v.fail(field, "must be true or false");
}

}  // namespace

HttpPullOptions read_http_pull_options(const ConnectionProfile& profile) {
  HttpPullOptions out;
  auto& c = out.config;
  auto& v = out.validation;
  c.host = profile.host;
  c.timeout = std::chrono::milliseconds(profile.timeout_ms);
  if (profile.transport != Transport::tcp && profile.transport != Transport::tls)
    v.fail("transport", "the http driver supports tcp and tls");
  if (profile.options_json.size() > kMaxOptionsBytes) {
    v.fail("options", "too large");
    return out;
  }
  std::error_code ec;
  json::parse_options po;
  po.max_depth = 4;
  const auto doc = json::parse(profile.options_json.empty() ? "{}" : profile.options_json, ec,
                               json::storage_ptr(), po);
  if (ec || !doc.is_object()) {
    v.fail("options", ec ? "not valid JSON: " + ec.message() : "must be an object");
    return out;
  }
  std::string scheme = profile.transport == Transport::tls ? "https" : "http";
  for (const auto& [key, value] : doc.as_object()) {
    const std::string field = "options/" + std::string(key).substr(0, 64);
    if (key == "scheme") {
      read_text(value, field, v, scheme);
      if (scheme != "http" && scheme != "https") v.fail(field, "must be http or https");
    } else if (key == "path") {
      read_text(value, field, v, c.path);
      if (c.path.empty() || c.path.front() != '/' ||
          c.path.find_first_of(" ?#\r\n") != std::string::npos)
        v.fail(field, "must be an absolute path without spaces, query or fragment");
    } else if (key == "username") {
      read_text(value, field, v, c.username);
      if (c.username.find(':') != std::string::npos) v.fail(field, "must not contain ':'");
    } else if (key == "password") {
      // The value itself never goes into a message: it is a secret.
      read_text(value, field, v, c.password);
    } else if (key == "verify_peer") {
      read_bool(value, field, v, c.tls.verify_peer);
    } else if (key == "ca_file") {
      read_text(value, field, v, c.tls.ca_file);
    } else if (key == "server_name") {
      read_text(value, field, v, c.tls.server_name);
    } else if (key == "delete_after_retrieval") {
      read_bool(value, field, v, c.delete_after_retrieval);
    } else if (key == "max_file_bytes") {
      if (const auto n = value.if_int64(); n && *n >= 1024)
        c.max_file_bytes = static_cast<std::uint64_t>(*n);
      else
        v.fail(field, "must be an integer of at least 1024");
    } else {
      v.fail(field, "unknown option");
    }
  }
  c.https = scheme == "https";
  if (profile.transport == Transport::tls && !c.https)
    v.fail("options/scheme", "transport tls carries https only");
  if (!c.path.empty() && c.path.size() > 1 && c.path.back() == '/') c.path.pop_back();
  c.port = profile.port ? profile.port : (c.https ? 443 : 80);
  if (!c.password.empty() && c.username.empty())
    v.fail("options/username", "required with a password");
  return out;
}

}  // namespace jemhead::pqdif_http
