#include "tests/unit/transport/pty_pair.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace jemhead::transport::testing {

namespace {
[[noreturn]] void fail(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}
}  // namespace

PtyPair::PtyPair() {
  termios raw{};
  cfmakeraw(&raw);
  char name[256] = {};
  if (::openpty(&controller_, &device_fd_, name, &raw, nullptr) != 0) fail("openpty");
  device_ = name;
  // The far end polls with timeouts; it must never block in read().
  ::fcntl(controller_, F_SETFL, ::fcntl(controller_, F_GETFL) | O_NONBLOCK);
}

PtyPair::~PtyPair() {
  if (controller_ >= 0) ::close(controller_);
  if (device_fd_ >= 0) ::close(device_fd_);
}

void PtyPair::write(std::span<const std::uint8_t> bytes) const {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(controller_, bytes.data() + done, bytes.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EAGAIN) {
      pollfd p{controller_, POLLOUT, 0};
      ::poll(&p, 1, 100);
    } else if (n < 0 && errno != EINTR) {
      fail("write to pty");
    }
  }
}

bool PtyPair::readable_within(std::chrono::milliseconds timeout) const {
  pollfd p{controller_, POLLIN, 0};
  return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0 && (p.revents & POLLIN);
}

std::vector<std::uint8_t> PtyPair::read(std::size_t bytes,
                                        std::chrono::milliseconds timeout) const {
  std::vector<std::uint8_t> out;
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (out.size() < bytes) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0 || !readable_within(left)) break;
    std::uint8_t buffer[512];
    const auto n = ::read(controller_, buffer, std::min(sizeof buffer, bytes - out.size()));
    if (n > 0) out.insert(out.end(), buffer, buffer + n);
  }
  return out;
}

std::vector<std::uint8_t> PtyPair::read_available(std::chrono::milliseconds timeout) const {
  std::vector<std::uint8_t> out;
  if (!readable_within(timeout)) return out;
  std::uint8_t buffer[512];
  ssize_t n = 0;
  while ((n = ::read(controller_, buffer, sizeof buffer)) > 0)
    out.insert(out.end(), buffer, buffer + n);
  return out;
}

termios PtyPair::device_settings() const {
  termios t{};
  if (::tcgetattr(device_fd_, &t) != 0) fail("tcgetattr");
  return t;
}

}  // namespace jemhead::transport::testing
