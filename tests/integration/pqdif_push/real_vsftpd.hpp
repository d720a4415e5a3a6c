#pragma once
// A real vsftpd (Debian's FTP server, what deploy/pqdif-push-ftp.sh installs) for the FTP
// push tests, on 127.0.0.1 with an ephemeral port and a generated configuration with the
// deploy's restrictions (chroot, start in drop/, upload only: no downloads, deletes or
// directories; umask 027). vsftpd must start as root; the deploy's local account and PAM
// service would change the host, so the test logs in anonymously (ftp_username=ftp, the
// account the vsftpd package creates) into the same chroot layout.
#include <cstdint>
#include <memory>
#include <string>

#include "tests/integration/support/process.hpp"

namespace jemhead::testing {

class RealVsftpd {
 public:
  // Starts vsftpd and waits until it accepts connections; throws naming what failed.
  RealVsftpd();
  ~RealVsftpd();

  // False (with why()) without root, /usr/sbin/vsftpd or the ftp account: the tests skip.
  static bool available(std::string& why);

  std::uint16_t port() const { return port_; }
  // The drop directory (the chroot's drop/, what the client sees as /drop).
  std::string drop() const { return dir_.file("root/drop"); }
  std::string url(const std::string& name) const;  // ftp://127.0.0.1:PORT/drop/NAME
  std::string log() const;

 private:
  TempDir dir_;
  std::uint16_t port_ = 0;
  std::unique_ptr<Process> process_;
};

}  // namespace jemhead::testing
