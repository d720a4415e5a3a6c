#pragma once
// Sending one PQDIF file to the Remote Server, blocking: "scp" over SFTP (libssh; OpenSSH 9's
// scp itself transfers over SFTP) or FTP STOR (libcurl). Each send is its own session, as a
// meter that pushes a file now and then would open one.
#include <functional>
#include <string>

#include "sim/pqdif/push/push_spec.hpp"

namespace jemhead::sim {

// "" on success, else why the send failed (for the push log).
using PushSender = std::function<std::string(const PqdifPushSpec& spec, const std::string& name,
                                             const std::string& bytes)>;

std::string sftp_push(const PqdifPushSpec& spec, const std::string& name, const std::string& bytes);
std::string ftp_push(const PqdifPushSpec& spec, const std::string& name, const std::string& bytes);
// By spec.protocol.
std::string push_file(const PqdifPushSpec& spec, const std::string& name, const std::string& bytes);

// The remote path of `name` in spec.directory ("dir/name", or "name").
std::string remote_path(const PqdifPushSpec& spec, const std::string& name);

}  // namespace jemhead::sim
