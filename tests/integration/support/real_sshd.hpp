#pragma once
// A real OpenSSH sshd for the SFTP pull and SCP push tests, run as the current user on
// 127.0.0.1 with an ephemeral port, its own host key and configuration (no PAM, keys only,
// the internal sftp server), serving a directory that plays the meter's PQDIF store. Keys are made
// with ssh-keygen; nothing outside the test's temporary directory is touched (except
// /run/sshd, which sshd insists on when started as root).
#include <cstdint>
#include <memory>
#include <string>

#include "tests/integration/support/process.hpp"

namespace jemhead::testing {

class RealSshd {
 public:
  // Starts sshd and waits until it accepts connections; throws naming what failed.
  // `extra_config` is appended to the generated sshd_config (e.g. a Match block).
  explicit RealSshd(const std::string& extra_config = {});
  ~RealSshd();

  // False (with why()) when the machine has no sshd or ssh-keygen: the tests skip.
  static bool available(std::string& why);

  std::uint16_t port() const { return port_; }
  std::string user() const;                                 // the current user
  std::string files() const { return dir_.file("meter"); }  // the served directory
  std::string client_key() const { return dir_.file("client_key"); }
  std::string stranger_key() const { return dir_.file("stranger_key"); }  // not authorized
  // A known_hosts line for this server ("[127.0.0.1]:PORT type base64").
  std::string known_hosts_line() const;
  // The same host with another key (what an impostor or a replaced meter looks like).
  std::string wrong_known_hosts_line() const;
  std::string file(const std::string& name) const { return dir_.file(name); }
  std::string log() const { return process_ ? process_->log() : std::string{}; }

 private:
  TempDir dir_;
  std::uint16_t port_ = 0;
  std::unique_ptr<Process> process_;
};

}  // namespace jemhead::testing
