#pragma once
// A blocking SFTP client over libssh for one meter: connect, check the host key, log in,
// then list, download and delete files in one directory.
//
// Why blocking calls on the drivers' pool (blocking_call.hpp) rather than libssh's
// non-blocking mode on the I/O threads: in libssh 0.10 only reads have an asynchronous
// form; opening directories and files, readdir, stat and unlink always block until the
// server answers. A non-blocking design would still block on those, so the simple correct
// choice is to keep every libssh call off the I/O threads and bound each by libssh's own
// timeout (the profile's timeout_ms).
//
// Errors are driver errors: ConnectionFailed (no TCP, broken session), Timeout,
// Refused (unknown or changed host key), AccessDenied (login refused, permission denied,
// naming the 'Read Power Quality' right), NotPresent (no such directory or file),
// BadResponse (size mismatch). Passwords and passphrases never appear in them.
#include <filesystem>
#include <memory>
#include <vector>

#include "drivers/driver.hpp"
#include "drivers/protocol/pqdif_sftp/sftp_options.hpp"

namespace jemhead::pqdif_sftp {

class SftpClient {
 public:
  // Connects, verifies the host key per the policy, authenticates and starts SFTP.
  explicit SftpClient(SftpPullConfig config);
  ~SftpClient();
  SftpClient(const SftpClient&) = delete;
  SftpClient& operator=(const SftpClient&) = delete;

  // Regular files in the directory whose name ends in ".pqd" (any case), with size and
  // modification time, sorted by name.
  std::vector<drivers::RemoteFile> list();
  // Streams the file into `into`; returns the bytes written.
  std::uint64_t download(const drivers::RemoteFile& file, const std::filesystem::path& into);
  void remove(const drivers::RemoteFile& file);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::pqdif_sftp
