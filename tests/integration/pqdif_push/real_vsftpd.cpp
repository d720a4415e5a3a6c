#include "tests/integration/pqdif_push/real_vsftpd.hpp"

#include <pwd.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

#include "tests/integration/support/loopback_port.hpp"

namespace jemhead::testing {

namespace fs = std::filesystem;

namespace {

constexpr const char* kVsftpd = "/usr/sbin/vsftpd";

std::string config(const TempDir& dir, std::uint16_t port) {
  std::string c;
  c += "listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\n";
  c += "listen_port=" + std::to_string(port) + "\n";
  c += "background=NO\n";
  // The deploy logs a local user in; here an anonymous login into the same layout.
  c += "anonymous_enable=YES\nno_anon_password=YES\nftp_username=ftp\n";
  c += "anon_root=" + dir.file("root") + "\n";
  c += "local_enable=NO\nwrite_enable=YES\nanon_upload_enable=YES\n";
  c += "anon_mkdir_write_enable=NO\nanon_other_write_enable=NO\n";
  // As deploy/vsftpd-jemstar-push.conf.in.
  c += "anon_umask=027\nfile_open_mode=0640\n";
  c += "download_enable=NO\ncmds_denied=DELE,RMD,MKD,XMKD,XRMD,SITE\nchmod_enable=NO\n";
  c += "pasv_enable=YES\nport_enable=YES\nconnect_from_port_20=NO\n";
  c += "secure_chroot_dir=" + dir.file("empty") + "\n";
  c += "xferlog_enable=YES\nxferlog_std_format=NO\nlog_ftp_protocol=YES\n";
  c += "vsftpd_log_file=" + dir.file("vsftpd.log") + "\n";
  // Containers often forbid the namespaces and seccomp filter vsftpd would set up.
  c += "isolate=NO\nisolate_network=NO\nseccomp_sandbox=NO\n";
  return c;
}

}  // namespace

bool RealVsftpd::available(std::string& why) {
  if (::access(kVsftpd, X_OK) != 0) {
    why = "/usr/sbin/vsftpd is missing (Debian vsftpd, see ./x deps)";
    return false;
  }
  if (::geteuid() != 0) {
    why = "vsftpd must start as root (it chroots and changes user); run the tests as root";
    return false;
  }
  if (!::getpwnam("ftp")) {
    why = "no 'ftp' account (the vsftpd package creates it)";
    return false;
  }
  return true;
}

RealVsftpd::RealVsftpd() {
  // The chroot is root's and not writable (vsftpd refuses otherwise); drop/ is the
  // uploading account's, as deploy/pqdif-push-common.sh makes them.
  fs::create_directories(drop());
  fs::create_directories(dir_.file("empty"));
  fs::permissions(dir_.path(), fs::perms(0755));
  for (const auto& d : {dir_.file("root"), dir_.file("empty")}) fs::permissions(d, fs::perms(0755));
  const passwd* ftp = ::getpwnam("ftp");
  if (!ftp || ::chown(drop().c_str(), ftp->pw_uid, ftp->pw_gid) != 0)
    throw std::runtime_error("cannot give " + drop() + " to the ftp account");
  fs::permissions(drop(), fs::perms(0770));
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = free_loopback_port();
    write_file(dir_.file("vsftpd.conf"), config(dir_, port_));
    process_ = std::make_unique<Process>(
        std::vector<std::string>{kVsftpd, dir_.file("vsftpd.conf")}, dir_.file("vsftpd.out"));
    for (int i = 0; i < 200 && process_->running(); ++i) {
      if (loopback_accepts(port_)) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (process_->running()) break;
    process_.reset();  // the port was taken meanwhile: another one
  }
  throw std::runtime_error("vsftpd did not start: " + log());
}

RealVsftpd::~RealVsftpd() = default;  // Process kills and reaps vsftpd

std::string RealVsftpd::url(const std::string& name) const {
  return "ftp://127.0.0.1:" + std::to_string(port_) + "/drop/" + name;
}

std::string RealVsftpd::log() const {
  std::string all = process_ ? process_->log() : std::string{};
  std::error_code ec;
  if (fs::exists(dir_.file("vsftpd.log"), ec)) all += read_file(dir_.file("vsftpd.log"));
  return all;
}

}  // namespace jemhead::testing
