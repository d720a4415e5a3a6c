#include "tests/integration/support/real_sshd.hpp"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "tests/integration/support/loopback_port.hpp"

namespace jemhead::testing {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSshd = "/usr/sbin/sshd";
constexpr const char* kKeygen = "/usr/bin/ssh-keygen";

void keygen(const std::string& path) {
  Process p({kKeygen, "-q", "-t", "ed25519", "-N", "", "-C", "jemhead-test", "-f", path},
            path + ".log");
  const auto rc = p.wait(std::chrono::seconds(20));
  if (rc != 0) throw std::runtime_error("ssh-keygen failed: " + p.log());
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// "type base64" of a public key file (its comment dropped).
std::string key_of(const std::string& pub_path) {
  const auto line = trimmed(read_file(pub_path));
  const auto first = line.find(' ');
  const auto second = line.find(' ', first + 1);
  return line.substr(0, second);
}

}  // namespace

bool RealSshd::available(std::string& why) {
  for (const char* p : {kSshd, kKeygen})
    if (::access(p, X_OK) != 0) {
      why = std::string(p) + " is missing (Debian openssh-server / openssh-client, see ./x deps)";
      return false;
    }
  return true;
}

std::string RealSshd::user() const {
  const passwd* pw = ::getpwuid(::geteuid());
  if (!pw) throw std::runtime_error("cannot name the current user");
  return pw->pw_name;
}

RealSshd::RealSshd(const std::string& extra_config) {
  fs::create_directories(files());
  keygen(dir_.file("host_key"));
  keygen(dir_.file("other_host_key"));
  keygen(client_key());
  keygen(stranger_key());
  write_file(dir_.file("authorized_keys"), read_file(client_key() + ".pub"));
  // As root, sshd wants its privilege-separation directory (normally made by systemd).
  if (::geteuid() == 0) fs::create_directories("/run/sshd");
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_loopback_port();
    std::string config;
    config += "ListenAddress 127.0.0.1:" + std::to_string(port_) + "\n";
    config += "HostKey " + dir_.file("host_key") + "\n";
    config += "PidFile none\n";
    config += "UsePAM no\n";
    config += "PasswordAuthentication no\n";
    config += "KbdInteractiveAuthentication no\n";
    config += "PubkeyAuthentication yes\n";
    config += "AuthorizedKeysFile " + dir_.file("authorized_keys") + "\n";
    config += "StrictModes no\n";  // the temp directory's parents are world-writable
    config += "PermitRootLogin prohibit-password\n";
    config += "Subsystem sftp internal-sftp\n";
    config += "LogLevel VERBOSE\n";
    config += extra_config;  // last: Match blocks run to the end of the file
    write_file(dir_.file("sshd_config"), config);
    process_ = std::make_unique<Process>(
        std::vector<std::string>{kSshd, "-D", "-e", "-f", dir_.file("sshd_config")},
        dir_.file("sshd.log"));
    for (int i = 0; i < 200 && process_->running(); ++i) {
      if (loopback_accepts(port_)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (process_->running()) break;  // running but not listening: give up below
    process_.reset();                // the port was taken meanwhile: another one
  }
  throw std::runtime_error("sshd did not start: " + log());
}

RealSshd::~RealSshd() = default;  // Process kills and reaps sshd

std::string RealSshd::known_hosts_line() const {
  return "[127.0.0.1]:" + std::to_string(port_) + " " + key_of(dir_.file("host_key.pub")) + "\n";
}

std::string RealSshd::wrong_known_hosts_line() const {
  return "[127.0.0.1]:" + std::to_string(port_) + " " + key_of(dir_.file("other_host_key.pub")) +
         "\n";
}

}  // namespace jemhead::testing
