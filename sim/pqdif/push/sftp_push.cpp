// "SCP" push over SFTP with libssh. The meter does not check the server's host key (the
// manual has no field for one), so neither does the simulator.
#include <fcntl.h>
#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <memory>

#include "sim/pqdif/push/push_sender.hpp"

namespace jemhead::sim {

namespace {

struct SessionFree {
  void operator()(ssh_session s) const {
    ssh_disconnect(s);
    ssh_free(s);
  }
};
struct SftpFree {
  void operator()(sftp_session s) const { sftp_free(s); }
};
struct KeyFree {
  void operator()(ssh_key k) const { ssh_key_free(k); }
};
using Session = std::unique_ptr<std::remove_pointer_t<ssh_session>, SessionFree>;
using Sftp = std::unique_ptr<std::remove_pointer_t<sftp_session>, SftpFree>;
using Key = std::unique_ptr<std::remove_pointer_t<ssh_key>, KeyFree>;

constexpr std::size_t kChunk = 32 * 1024;  // below the SFTP packet limits of every server

std::string ssh_failure(const std::string& what, ssh_session s) {
  std::string m = what;
  m += ": ";
  m += ssh_get_error(s);
  return m;
}

std::string sftp_failure(const std::string& what, const std::string& path, sftp_session sftp,
                         ssh_session s) {
  std::string m = what;
  m += ' ';
  m += path;
  m += ": ";
  m += ssh_get_error(s);
  m += " (sftp status ";
  m += std::to_string(sftp_get_error(sftp));
  m += ')';
  return m;
}

std::string authenticate(ssh_session s, const PqdifPushSpec& spec) {
  if (!spec.private_key_file.empty()) {
    ssh_key raw = nullptr;
    if (ssh_pki_import_privkey_file(spec.private_key_file.c_str(), nullptr, nullptr, nullptr,
                                    &raw) != SSH_OK) {
      std::string m = "cannot read private_key_file ";
      m += spec.private_key_file;
      return m;
    }
    Key key(raw);
    if (ssh_userauth_publickey(s, nullptr, key.get()) == SSH_AUTH_SUCCESS) return {};
    if (spec.password.empty()) return ssh_failure("key authentication refused", s);
  }
  if (ssh_userauth_password(s, nullptr, spec.password.c_str()) == SSH_AUTH_SUCCESS) return {};
  return ssh_failure("password authentication refused", s);
}

std::string write_file(ssh_session s, sftp_session sftp, const std::string& path,
                       const std::string& bytes) {
  sftp_file file = sftp_open(sftp, path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!file) return sftp_failure("cannot create", path, sftp, s);
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t n = std::min(kChunk, bytes.size() - at);
    const auto written = sftp_write(file, bytes.data() + at, n);
    if (written <= 0) {
      std::string why = sftp_failure("cannot write", path, sftp, s);
      sftp_close(file);
      return why;
    }
    at += static_cast<std::size_t>(written);
  }
  if (sftp_close(file) != SSH_NO_ERROR) return sftp_failure("cannot close", path, sftp, s);
  return {};
}

}  // namespace

std::string sftp_push(const PqdifPushSpec& spec, const std::string& name,
                      const std::string& bytes) {
  Session s(ssh_new());
  if (!s) return "out of memory (ssh_new)";
  const unsigned port = spec.port;
  const long timeout_s = 10;
  const int strict = 0;
  ssh_options_set(s.get(), SSH_OPTIONS_HOST, spec.host.c_str());
  ssh_options_set(s.get(), SSH_OPTIONS_PORT, &port);
  ssh_options_set(s.get(), SSH_OPTIONS_USER, spec.username.c_str());
  ssh_options_set(s.get(), SSH_OPTIONS_TIMEOUT, &timeout_s);
  ssh_options_set(s.get(), SSH_OPTIONS_STRICTHOSTKEYCHECK, &strict);
  ssh_options_set(s.get(), SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
  ssh_options_set(s.get(), SSH_OPTIONS_PROCESS_CONFIG, &strict);  // no ~/.ssh/config
  if (ssh_connect(s.get()) != SSH_OK) return ssh_failure("cannot connect", s.get());
  if (auto why = authenticate(s.get(), spec); !why.empty()) return why;
  Sftp sftp(sftp_new(s.get()));
  if (!sftp || sftp_init(sftp.get()) != SSH_OK)
    return ssh_failure("the server offers no sftp subsystem", s.get());
  const std::string final_path = remote_path(spec, name);
  if (!spec.upload_then_rename) return write_file(s.get(), sftp.get(), final_path, bytes);
  const std::string part = final_path + ".part";
  if (auto why = write_file(s.get(), sftp.get(), part, bytes); !why.empty()) return why;
  // SFTP v3 rename refuses an existing target: a re-send replaces the earlier copy.
  sftp_unlink(sftp.get(), final_path.c_str());
  if (sftp_rename(sftp.get(), part.c_str(), final_path.c_str()) != SSH_OK)
    return sftp_failure("cannot rename into", final_path, sftp.get(), s.get());
  return {};
}

}  // namespace jemhead::sim
