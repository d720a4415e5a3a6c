#pragma once
// Ephemeral ports on 127.0.0.1 for test servers that cannot report the port they bound
// (sshd, vsftpd): pick one the kernel hands out, then poll until the server accepts.
#include <cstdint>

namespace jemhead::testing {

// A port that was free a moment ago (the caller retries if a server then fails to bind).
std::uint16_t free_loopback_port();
// True when something accepts TCP connections on 127.0.0.1:port.
bool loopback_accepts(std::uint16_t port);

}  // namespace jemhead::testing
