#include "drivers/protocol/pqdif_sftp/sftp_options.hpp"

#include "drivers/profile_options.hpp"

namespace jemhead::pqdif_sftp {

SftpPullOptions read_sftp_pull_options(const ConnectionProfile& profile) {
  SftpPullOptions out;
  auto& c = out.config;
  auto& v = out.validation;
  c.host = profile.host;
  c.port = profile.effective_port();
  c.timeout = std::chrono::milliseconds(profile.timeout_ms);
  if (profile.transport != Transport::tcp) v.fail("transport", "the sftp driver runs over tcp");
  const auto options = drivers::parse_profile_options(profile, v);
  if (!options) return out;
  for (const auto& [key, value] : *options) {
    const std::string field = drivers::option_field(key);
    if (key == "username") {
      drivers::read_text_option(value, field, v, c.username);
    } else if (key == "password") {
      drivers::read_text_option(value, field, v, c.password);  // a secret: never in a message
    } else if (key == "private_key_file") {
      drivers::read_text_option(value, field, v, c.private_key_file);
    } else if (key == "private_key_passphrase") {
      drivers::read_text_option(value, field, v, c.private_key_passphrase);  // a secret too
    } else if (key == "known_hosts_file") {
      drivers::read_text_option(value, field, v, c.known_hosts_file);
    } else if (key == "host_key_policy") {
      std::string policy;
      drivers::read_text_option(value, field, v, policy);
      if (policy == "strict")
        c.host_key_policy = HostKeyPolicy::strict;
      else if (policy == "accept_new")
        c.host_key_policy = HostKeyPolicy::accept_new;
      else
        v.fail(field, "must be strict or accept_new");
    } else if (key == "directory") {
      drivers::read_text_option(value, field, v, c.directory);
      if (c.directory.empty()) v.fail(field, "must not be empty");
    } else if (key == "delete_after_retrieval") {
      drivers::read_bool_option(value, field, v, c.delete_after_retrieval);
    } else if (key == "max_file_bytes") {
      drivers::read_count_option(value, field, v, 1024, c.max_file_bytes);
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
