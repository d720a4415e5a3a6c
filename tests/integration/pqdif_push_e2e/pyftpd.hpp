#pragma once
// A real FTP server for the push tests: Debian's python3-pyftpdlib run as the current user
// on 127.0.0.1 with an ephemeral port (read from its log), one writable user whose home is
// the given directory. The system python is used (/usr/bin/python3), since a python from
// elsewhere on PATH does not see Debian's modules.
#include <cstdint>
#include <memory>
#include <string>

#include "tests/integration/support/process.hpp"

namespace jemhead::testing {

class PyFtpd {
 public:
  PyFtpd(const std::string& home, const std::string& user, const std::string& password,
         const std::string& log_path);
  ~PyFtpd();

  // False (with why()) when pyftpdlib is missing: the tests skip.
  static bool available(std::string& why);

  std::uint16_t port() const { return port_; }
  std::string log() const { return process_ ? process_->log() : std::string{}; }

 private:
  std::unique_ptr<Process> process_;
  std::uint16_t port_ = 0;
};

}  // namespace jemhead::testing
