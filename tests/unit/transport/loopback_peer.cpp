#include "tests/unit/transport/loopback_peer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace jemhead::transport::testing {

namespace {
[[noreturn]] void fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

bool wait_for(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
}
}  // namespace

LoopbackListener::LoopbackListener(int backlog, const std::string& address) {
  const bool v6 = address.find(':') != std::string::npos;
  fd_ = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) fail("socket");
  sockaddr_storage storage{};
  socklen_t length = 0;
  if (v6) {
    auto* a = reinterpret_cast<sockaddr_in6*>(&storage);
    a->sin6_family = AF_INET6;
    if (::inet_pton(AF_INET6, address.c_str(), &a->sin6_addr) != 1) fail("inet_pton");
    length = sizeof(sockaddr_in6);
  } else {
    auto* a = reinterpret_cast<sockaddr_in*>(&storage);
    a->sin_family = AF_INET;
    if (::inet_pton(AF_INET, address.c_str(), &a->sin_addr) != 1) fail("inet_pton");
    length = sizeof(sockaddr_in);
  }
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&storage), length) != 0) fail("bind");
  if (::listen(fd_, backlog) != 0) fail("listen");
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&storage), &length) != 0) {
    fail("getsockname");
  }
  port_ = ntohs(v6 ? reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port
                   : reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
}

LoopbackListener::~LoopbackListener() {
  close_fd(fd_);
}

int LoopbackListener::accept(std::chrono::milliseconds timeout) const {
  if (!wait_for(fd_, POLLIN, timeout)) return -1;
  return ::accept(fd_, nullptr, nullptr);
}

FullBacklog::FullBacklog(const LoopbackListener& listener) {
  auto nonblocking_connect = [&] {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(listener.port());
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    fillers_.push_back(fd);
    return fd;
  };
  for (int i = 0; i < 4; ++i) nonblocking_connect();
  ::usleep(50'000);
  // Probe: does one more connect hang?
  const int probe = nonblocking_connect();
  pollfd p{probe, POLLOUT, 0};
  hangs_ = ::poll(&p, 1, 300) == 0;
}

FullBacklog::~FullBacklog() {
  for (int fd : fillers_) close_fd(fd);
}

std::uint16_t unused_port() {
  LoopbackListener probe;
  return probe.port();
}

void send_all(int fd, std::span<const std::uint8_t> bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno != EINTR) fail("send");
    if (n > 0) done += static_cast<std::size_t>(n);
  }
}

std::vector<std::uint8_t> receive(int fd, std::size_t bytes, std::chrono::milliseconds timeout) {
  std::vector<std::uint8_t> out;
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (out.size() < bytes) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !wait_for(fd, POLLIN, left)) break;
    std::uint8_t buffer[4096];
    const auto n = ::recv(fd, buffer, std::min(sizeof buffer, bytes - out.size()), 0);
    if (n <= 0) break;
    out.insert(out.end(), buffer, buffer + n);
  }
  return out;
}

void close_with_reset(int fd) {
  linger l{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  close_fd(fd);
}

void close_fd(int fd) {
  if (fd >= 0) ::close(fd);
}

}  // namespace jemhead::transport::testing
