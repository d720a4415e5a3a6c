#include "sim/pqdif/push/push_sender.hpp"

namespace jemhead::sim {

std::string push_file(const PqdifPushSpec& spec, const std::string& name,
                      const std::string& bytes) {
  return spec.protocol == PushProtocol::ftp ? ftp_push(spec, name, bytes)
                                            : sftp_push(spec, name, bytes);
}

std::string remote_path(const PqdifPushSpec& spec, const std::string& name) {
  if (spec.directory.empty()) return name;
  std::string path = spec.directory;
  if (path.back() != '/') path += '/';
  path += name;
  return path;
}

}  // namespace jemhead::sim
