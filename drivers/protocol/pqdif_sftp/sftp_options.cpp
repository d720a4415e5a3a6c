#include "drivers/protocol/pqdif_sftp/sftp_options.hpp"

#include <boost/json.hpp>

namespace jemhead::pqdif_sftp {

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

}  // namespace

SftpPullOptions read_sftp_pull_options(const ConnectionProfile& profile) {
  SftpPullOptions out;
  auto& c = out.config;
  auto& v = out.validation;
  c.host = profile.host;
  c.port = profile.effective_port();
  c.timeout = std::chrono::milliseconds(profile.timeout_ms);
  if (profile.transport != Transport::tcp) v.fail("transport", "the sftp driver runs over tcp");
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
  for (const auto& [key, value] : doc.as_object()) {
    const std::string field = "options/" + std::string(key).substr(0, 64);
    if (key == "username") {
      read_text(value, field, v, c.username);
    } else if (key == "password") {
      read_text(value, field, v, c.password);  // a secret: never in a message
    } else if (key == "private_key_file") {
      read_text(value, field, v, c.private_key_file);
    } else if (key == "private_key_passphrase") {
      read_text(value, field, v, c.private_key_passphrase);  // a secret too
    } else if (key == "known_hosts_file") {
      read_text(value, field, v, c.known_hosts_file);
    } else if (key == "host_key_policy") {
      std::string policy;
      read_text(value, field, v, policy);
      if (policy == "strict")
        c.host_key_policy = HostKeyPolicy::strict;
      else if (policy == "accept_new")
        c.host_key_policy = HostKeyPolicy::accept_new;
      else
        v.fail(field, "must be strict or accept_new");
    } else if (key == "directory") {
      read_text(value, field, v, c.directory);
      if (c.directory.empty()) v.fail(field, "must not be empty");
    } else if (key == "delete_after_retrieval") {
      if (const auto* b = value.if_bool())
        c.delete_after_retrieval = *b;
      else
        v.fail(field, "must be true or false");
    } else if (key == "max_file_bytes") {
      if (const auto n = value.if_int64(); n && *n >= 1024)
        c.max_file_bytes = static_cast<std::uint64_t>(*n);
      else
        v.fail(field, "must be an integer of at least 1024");
    } else {
      v.fail(field, "unknown option");
    }
  }
  if (c.username.empty()) v.fail("options/username", "required");
  if (c.password.empty() && c.private_key_file.empty())
    v.fail("options/password", "a password or a private_key_file is required");
  if (c.host_key_policy == HostKeyPolicy::accept_new && c.known_hosts_file.empty())
    v.fail("options/known_hosts_file", "required with host_key_policy accept_new");
  return out;
}

}  // namespace jemhead::pqdif_sftp
