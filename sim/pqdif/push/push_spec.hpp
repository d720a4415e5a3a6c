#pragma once
// The meter's Remote Server settings (part4 §3.7): Remote File Transfer on, Protocol FTP or
// SCP, Host IP, Username, Password, Delete PQDIF Files after sent. The real meter has no
// port, directory, key file or upload style field; the simulator adds them so tests can
// point it at an ephemeral loopback server and a drop directory.
#include <chrono>
#include <cstdint>
#include <string>

namespace jemhead::sim {

enum class PushProtocol { scp, ftp };

struct PqdifPushSpec {
  PushProtocol protocol = PushProtocol::scp;
  std::string host = "127.0.0.1";
  std::uint16_t port = 22;  // 21 for ftp unless given
  std::string username;
  std::string password;          // either this...
  std::string private_key_file;  // ...or a key (scp only)
  // Where files go: absolute or relative to the login directory (scp); relative to the
  // login directory (ftp). Empty = the login directory.
  std::string directory;
  bool delete_after_send = false;
  // Write NAME.part, then rename to NAME (careful uploaders); false = write NAME directly,
  // what a JEMStar most plausibly does (the manual does not say).
  bool upload_then_rename = false;
  // Failed sends are retried after retry_initial, doubling up to retry_max.
  std::chrono::milliseconds retry_initial{1000};
  std::chrono::milliseconds retry_max{60000};
};

}  // namespace jemhead::sim
