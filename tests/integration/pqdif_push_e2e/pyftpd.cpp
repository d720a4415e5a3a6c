#include "tests/integration/pqdif_push_e2e/pyftpd.hpp"

#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace jemhead::testing {

namespace {

constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kModule = "/usr/lib/python3/dist-packages/pyftpdlib/__main__.py";

}  // namespace

bool PyFtpd::available(std::string& why) {
  if (::access(kPython, X_OK) == 0 && ::access(kModule, R_OK) == 0) return true;
  why = "python3-pyftpdlib is not installed (./x deps)";
  return false;
}

PyFtpd::PyFtpd(const std::string& home, const std::string& user, const std::string& password,
               const std::string& log_path) {
  process_ = std::make_unique<Process>(
      std::vector<std::string>{kPython, "-m", "pyftpdlib", "-i", "127.0.0.1", "-p", "0", "-w", "-d",
                               home, "-u", user, "-P", password},
      log_path);
  // It logs ">>> starting FTP server on 127.0.0.1:PORT, pid=N <<<" once it listens.
  const std::string marker = "starting FTP server on 127.0.0.1:";
  for (int i = 0; i < 400 && process_->running(); ++i) {
    const auto text = log();
    const auto at = text.find(marker);
    if (at != std::string::npos) {
      port_ = static_cast<std::uint16_t>(std::stoi(text.substr(at + marker.size())));
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  throw std::runtime_error("pyftpdlib did not start: " + log());
}

PyFtpd::~PyFtpd() = default;  // Process kills and reaps it

}  // namespace jemhead::testing
