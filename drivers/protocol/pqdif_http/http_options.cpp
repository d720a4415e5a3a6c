#include "drivers/protocol/pqdif_http/http_options.hpp"

#include "drivers/profile_options.hpp"

namespace jemhead::pqdif_http {

HttpPullOptions read_http_pull_options(const ConnectionProfile& profile) {
  HttpPullOptions out;
  auto& c = out.config;
  auto& v = out.validation;
  c.host = profile.host;
  c.timeout = std::chrono::milliseconds(profile.timeout_ms);
  if (profile.transport != Transport::tcp && profile.transport != Transport::tls)
    v.fail("transport", "the http driver supports tcp and tls");
  const auto options = drivers::parse_profile_options(profile, v);
  if (!options) return out;
  std::string scheme = profile.transport == Transport::tls ? "https" : "http";
  for (const auto& [key, value] : *options) {
    const std::string field = drivers::option_field(key);
    if (key == "scheme") {
      drivers::read_text_option(value, field, v, scheme);
      if (scheme != "http" && scheme != "https") v.fail(field, "must be http or https");
    } else if (key == "path") {
      drivers::read_text_option(value, field, v, c.path);
      if (c.path.empty() || c.path.front() != '/' ||
          c.path.find_first_of(" ?#\r\n") != std::string::npos)
        v.fail(field, "must be an absolute path without spaces, query or fragment");
    } else if (key == "username") {
      drivers::read_text_option(value, field, v, c.username);
      if (c.username.find(':') != std::string::npos) v.fail(field, "must not contain ':'");
    } else if (key == "password") {
      // The value itself never goes into a message: it is a secret.
      drivers::read_text_option(value, field, v, c.password);
    } else if (key == "verify_peer") {
      drivers::read_bool_option(value, field, v, c.tls.verify_peer);
    } else if (key == "ca_file") {
      drivers::read_text_option(value, field, v, c.tls.ca_file);
    } else if (key == "server_name") {
      drivers::read_text_option(value, field, v, c.tls.server_name);
    } else if (key == "delete_after_retrieval") {
      drivers::read_bool_option(value, field, v, c.delete_after_retrieval);
    } else if (key == "max_file_bytes") {
      drivers::read_count_option(value, field, v, 1024, c.max_file_bytes);
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
