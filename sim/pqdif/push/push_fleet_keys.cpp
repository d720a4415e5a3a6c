#include "sim/pqdif/push/push_fleet_keys.hpp"

#include <arpa/inet.h>

namespace jemhead::sim {

namespace {

bool ip_literal(const std::string& s) {
  unsigned char buffer[16];
  return ::inet_pton(AF_INET, s.c_str(), buffer) == 1 ||
         ::inet_pton(AF_INET6, s.c_str(), buffer) == 1;
}

}  // namespace

void read_push_settings(YamlFields& parent, std::optional<PqdifPushSpec>& push) {
  std::optional<YamlFields> section = parent.section("push");
  if (!section) return;
  YamlFields& p = *section;
  PqdifPushSpec next = push.value_or(PqdifPushSpec{});
  const bool enabled = p.boolean("enabled").value_or(true);
  bool port_given = false;
  if (auto v = p.text("protocol", 8)) {
    if (*v == "scp")
      next.protocol = PushProtocol::scp;
    else if (*v == "ftp")
      next.protocol = PushProtocol::ftp;
    else
      p.fail("protocol", "must be scp or ftp");
  }
  if (auto v = p.text("host", 64)) {
    if (!ip_literal(*v)) p.fail("host", "must be an IP address (the meter's Host IP)");
    next.host = *v;
  }
  if (auto v = p.integer("port", 1, 65535)) {
    next.port = static_cast<std::uint16_t>(*v);
    port_given = true;
  }
  if (auto v = p.text("username", 32)) next.username = *v;
  if (auto v = p.text("password", 64)) next.password = *v;
  if (auto v = p.text("private_key_file", 4096)) next.private_key_file = *v;
  if (auto v = p.text("directory", 4096)) next.directory = *v;
  if (auto v = p.boolean("delete_after_send")) next.delete_after_send = *v;
  if (auto v = p.boolean("upload_then_rename")) next.upload_then_rename = *v;
  if (auto v = p.integer("retry_initial_ms", 10, 3'600'000))
    next.retry_initial = std::chrono::milliseconds(*v);
  if (auto v = p.integer("retry_max_ms", 10, 86'400'000))
    next.retry_max = std::chrono::milliseconds(*v);
  p.finish();
  if (!enabled) {
    push.reset();
    return;
  }
  // An inherited scp port becomes ftp's when only the protocol changes.
  if (!port_given && (next.port == 22 || next.port == 21))
    next.port = next.protocol == PushProtocol::ftp ? 21 : 22;
  if (next.username.empty() || !printable(next.username))
    p.fail("username", "is required: 1 to 32 printable characters");
  if (!printable(next.password)) p.fail("password", "must be printable text");
  if (next.protocol == PushProtocol::ftp && !next.private_key_file.empty())
    p.fail("private_key_file", "is for scp only (FTP logs in with a password)");
  if (next.password.empty() && next.private_key_file.empty())
    p.fail("password", "is required (or private_key_file for scp)");
  if (next.retry_max < next.retry_initial)
    p.fail("retry_max_ms", "must be at least retry_initial_ms");
  push = std::move(next);
}

}  // namespace jemhead::sim
