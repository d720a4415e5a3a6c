#include "drivers/protocol/pqdif_sftp/sftp_client.hpp"

#include <fcntl.h>
#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <algorithm>
#include <fstream>
#include <string>

namespace jemhead::pqdif_sftp {

using drivers::RemoteFile;

namespace {

constexpr const char* kRight =
    "PQDIF retrieval needs a meter account with the 'Read Power Quality' right";

bool pqd_name(std::string_view name) {
  if (name.size() <= 4 || name.front() == '.') return false;
  std::string ext(name.substr(name.size() - 4));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".pqd";
}

bool safe_name(std::string_view name) {
  return pqd_name(name) && name.find_first_of("/\\") == std::string_view::npos &&
         name.find("..") == std::string_view::npos;
}

}  // namespace

struct SftpClient::Impl {
  SftpPullConfig config;
  ssh_session ssh = nullptr;
  sftp_session sftp = nullptr;

  std::string where() const {
    std::string s = "sftp://";
    s += config.username;
    s += '@';
    s += config.host;
    s += ':';
    s += std::to_string(config.port);
    return s;
  }

  // libssh's own text for the last session error (never contains a password).
  std::string ssh_text() const { return ssh ? ssh_get_error(ssh) : "out of memory"; }

  [[noreturn]] void session_failed(const std::string& what) const {
    const auto text = ssh_text();
    std::string m = what;
    m += " ";
    m += where();
    m += ": ";
    m += text;
    if (text.find("imeout") != std::string::npos || text.find("timed out") != std::string::npos)
      throw drivers::Timeout(m);
    throw drivers::ConnectionFailed(m);
  }

  // An SFTP request the server refused, by its status code.
  [[noreturn]] void sftp_failed(const std::string& what) const {
    const int code = sftp ? sftp_get_error(sftp) : SSH_FX_FAILURE;
    std::string m = what;
    m += " (";
    m += where();
    m += ")";
    switch (code) {
      case SSH_FX_NO_SUCH_FILE:
      case SSH_FX_NO_SUCH_PATH: throw drivers::NotPresent(m + ": no such file or directory");
      case SSH_FX_PERMISSION_DENIED:
        throw drivers::AccessDenied(m + ": permission denied; " + kRight);
      default: break;
    }
    if (!ssh_is_connected(ssh)) session_failed(what);
    throw drivers::BadResponse(m + ": SFTP status " + std::to_string(code) + ", " + ssh_text());
  }

  std::string path_of(const std::string& name) const {
    if (config.directory == ".") return name;
    auto p = config.directory;
    if (p.back() != '/') p += '/';
    return p + name;
  }

  void set_options() {
    int port = config.port;
    long seconds = static_cast<long>(config.timeout.count() / 1000);
    long micros = static_cast<long>((config.timeout.count() % 1000) * 1000);
    bool process_config = false;  // ~/.ssh/config must not change how meters are reached
    int verbosity = SSH_LOG_NOLOG;
    if (ssh_options_set(ssh, SSH_OPTIONS_HOST, config.host.c_str()) != SSH_OK ||
        ssh_options_set(ssh, SSH_OPTIONS_PORT, &port) != SSH_OK ||
        ssh_options_set(ssh, SSH_OPTIONS_USER, config.username.c_str()) != SSH_OK ||
        ssh_options_set(ssh, SSH_OPTIONS_TIMEOUT, &seconds) != SSH_OK ||
        ssh_options_set(ssh, SSH_OPTIONS_TIMEOUT_USEC, &micros) != SSH_OK ||
        ssh_options_set(ssh, SSH_OPTIONS_PROCESS_CONFIG, &process_config) != SSH_OK ||
        ssh_options_set(ssh, SSH_OPTIONS_LOG_VERBOSITY, &verbosity) != SSH_OK)
      throw drivers::ConfigurationError("SFTP options for " + where() + ": " + ssh_text());
    if (!config.known_hosts_file.empty() &&
        ssh_options_set(ssh, SSH_OPTIONS_KNOWNHOSTS, config.known_hosts_file.c_str()) != SSH_OK)
      throw drivers::ConfigurationError("known_hosts_file: " + ssh_text());
  }

  void check_host_key() {
    const auto known = ssh_session_is_known_server(ssh);
    switch (known) {
      case SSH_KNOWN_HOSTS_OK: return;
      case SSH_KNOWN_HOSTS_CHANGED:
      case SSH_KNOWN_HOSTS_OTHER:
        // Never accepted, whatever the policy: it is what an impostor looks like.
        throw drivers::Refused("the host key of " + where() +
                               " differs from the one in known_hosts: refusing to log in");
      case SSH_KNOWN_HOSTS_UNKNOWN:
      case SSH_KNOWN_HOSTS_NOT_FOUND:
        if (config.host_key_policy == HostKeyPolicy::accept_new) {
          if (ssh_session_update_known_hosts(ssh) != SSH_OK)
            throw drivers::ConfigurationError("cannot add the host key of " + where() + " to " +
                                              config.known_hosts_file + ": " + ssh_text());
          return;
        }
        throw drivers::Refused("the host key of " + where() +
                               " is not in known_hosts (host_key_policy strict)");
      case SSH_KNOWN_HOSTS_ERROR: break;
    }
    session_failed("checking the host key of");
  }

  void authenticate() {
    if (!config.private_key_file.empty()) {
      ssh_key key = nullptr;
      const char* passphrase =
          config.private_key_passphrase.empty() ? nullptr : config.private_key_passphrase.c_str();
      if (ssh_pki_import_privkey_file(config.private_key_file.c_str(), passphrase, nullptr, nullptr,
                                      &key) != SSH_OK)
        throw drivers::ConfigurationError("cannot read the private key " + config.private_key_file);
      const int rc = ssh_userauth_publickey(ssh, nullptr, key);
      ssh_key_free(key);
      if (rc == SSH_AUTH_SUCCESS) return;
      if (rc == SSH_AUTH_ERROR) session_failed("logging in to");
    }
    if (!config.password.empty()) {
      const int rc = ssh_userauth_password(ssh, nullptr, config.password.c_str());
      if (rc == SSH_AUTH_SUCCESS) return;
      if (rc == SSH_AUTH_ERROR) session_failed("logging in to");
    }
    throw drivers::AccessDenied(where() + " refused the login of user '" + config.username + "'; " +
                                kRight);
  }

  void open() {
    ssh = ssh_new();
    if (!ssh) throw drivers::ConnectionFailed("libssh: cannot create a session");
    set_options();
    if (ssh_connect(ssh) != SSH_OK) session_failed("cannot connect to");
    check_host_key();
    authenticate();
    sftp = sftp_new(ssh);
    if (!sftp) session_failed("cannot start SFTP on");
    if (sftp_init(sftp) != SSH_OK) sftp_failed("starting SFTP");
  }

  ~Impl() {
    if (sftp) sftp_free(sftp);
    if (ssh) {
      if (ssh_is_connected(ssh)) ssh_disconnect(ssh);
      ssh_free(ssh);
    }
  }
};

SftpClient::SftpClient(SftpPullConfig config) : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->open();
}

SftpClient::~SftpClient() = default;

std::vector<RemoteFile> SftpClient::list() {
  auto& d = *impl_;
  sftp_dir dir = sftp_opendir(d.sftp, d.config.directory.c_str());
  if (!dir) d.sftp_failed("listing directory " + d.config.directory);
  std::vector<RemoteFile> files;
  while (sftp_attributes a = sftp_readdir(d.sftp, dir)) {
    if (a->name && a->type == SSH_FILEXFER_TYPE_REGULAR && safe_name(a->name)) {
      RemoteFile f;
      f.name = a->name;
      if (a->flags & SSH_FILEXFER_ATTR_SIZE) f.size = a->size;
      if (a->flags & SSH_FILEXFER_ATTR_ACMODTIME)
        f.modified = UtcTime(std::chrono::seconds(a->mtime));
      files.push_back(std::move(f));
    }
    sftp_attributes_free(a);
  }
  const bool complete = sftp_dir_eof(dir) != 0;
  sftp_closedir(dir);
  if (!complete) d.sftp_failed("reading directory " + d.config.directory);
  std::sort(files.begin(), files.end(),
            [](const RemoteFile& a, const RemoteFile& b) { return a.name < b.name; });
  return files;
}

std::uint64_t SftpClient::download(const RemoteFile& file, const std::filesystem::path& into) {
  auto& d = *impl_;
  if (!safe_name(file.name)) throw drivers::Refused("not a PQDIF file name the head-end fetches");
  const auto remote = d.path_of(file.name);
  sftp_file in = sftp_open(d.sftp, remote.c_str(), O_RDONLY, 0);
  if (!in) d.sftp_failed("opening " + remote);
  std::unique_ptr<sftp_file_struct, int (*)(sftp_file)> closing(in, sftp_close);
  std::ofstream out(into, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + into.string());
  std::vector<char> chunk(32 * 1024);  // libssh splits larger reads anyway
  std::uint64_t total = 0;
  for (;;) {
    const auto n = sftp_read(in, chunk.data(), chunk.size());
    if (n < 0) d.sftp_failed("reading " + remote);
    if (n == 0) break;
    total += static_cast<std::uint64_t>(n);
    if (total > d.config.max_file_bytes)
      throw drivers::Refused(remote + " is larger than max_file_bytes (" +
                             std::to_string(d.config.max_file_bytes) + ")");
    out.write(chunk.data(), n);
    if (!out) throw std::runtime_error("cannot write " + into.string());
  }
  out.close();
  if (!out) throw std::runtime_error("cannot write " + into.string());
  if (file.size && *file.size != total)
    throw drivers::BadResponse(remote + ": " + std::to_string(total) +
                               " bytes received, the listing says " + std::to_string(*file.size));
  return total;
}

void SftpClient::remove(const RemoteFile& file) {
  auto& d = *impl_;
  if (!safe_name(file.name)) throw drivers::Refused("not a PQDIF file name the head-end deletes");
  const auto remote = d.path_of(file.name);
  if (sftp_unlink(d.sftp, remote.c_str()) == 0) return;
  const int code = sftp_get_error(d.sftp);
  if (code == SSH_FX_NO_SUCH_FILE) return;  // already gone: what deleting wanted
  d.sftp_failed("deleting " + remote);
}

}  // namespace jemhead::pqdif_sftp
