#pragma once
// Plain POSIX sockets on loopback for the far end of TCP tests: a listener (optionally
// never accepting, to leave connections in the backlog), and blocking helpers with timeouts.
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace jemhead::transport::testing {

class LoopbackListener {
 public:
  explicit LoopbackListener(int backlog = 16, const std::string& address = "127.0.0.1");
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  std::uint16_t port() const { return port_; }
  // An accepted connection's descriptor (the caller closes it), or -1 after `timeout`.
  int accept(std::chrono::milliseconds timeout) const;

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

// Fills the accept queue of a listener created with backlog 0 (which is never accepted
// from), so that further connects hang as if the host were silent: Linux drops SYNs to a
// full queue. Returns false if a further connect still completes on this kernel (the
// caller should skip). The filler sockets stay open until the object is destroyed.
class FullBacklog {
 public:
  explicit FullBacklog(const LoopbackListener& listener);
  ~FullBacklog();
  FullBacklog(const FullBacklog&) = delete;
  FullBacklog& operator=(const FullBacklog&) = delete;
  bool connects_hang() const { return hangs_; }

 private:
  std::vector<int> fillers_;
  bool hangs_ = false;
};

// A loopback port with nothing listening on it (bound, read back, closed).
std::uint16_t unused_port();

void send_all(int fd, std::span<const std::uint8_t> bytes);
// Up to `bytes` bytes, whatever arrived before `timeout`.
std::vector<std::uint8_t> receive(int fd, std::size_t bytes, std::chrono::milliseconds timeout);
// Closes with SO_LINGER 0, so the peer sees a reset instead of an orderly close.
void close_with_reset(int fd);
void close_fd(int fd);

}  // namespace jemhead::transport::testing
