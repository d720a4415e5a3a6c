#include "bench/dlms/loopback_replay.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <latch>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace jemhead::bench {

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const char* what) {
  throw std::runtime_error(std::string("loopback replay: ") + what + ": " + std::strerror(errno));
}

// A socket closed with its owner.
class Fd {
 public:
  Fd(int fd, const char* made_by) : fd_(fd) {
    if (fd_ < 0) fail(made_by);
  }
  ~Fd() { ::close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

void tune(int fd) {
  int one = 1;  // as the driver's TcpLink does
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // A peer that stops answering must fail the run, not hang it.
  timeval timeout{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

void write_all(int fd, const std::vector<std::uint8_t>& bytes) {
  for (std::size_t sent = 0; sent < bytes.size();) {
    const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("send");
    sent += static_cast<std::size_t>(n);
  }
}

// false when the peer closed the connection before the first byte.
bool read_exactly(int fd, std::vector<std::uint8_t>& buffer) {
  for (std::size_t got = 0; got < buffer.size();) {
    const auto n = ::recv(fd, buffer.data() + got, buffer.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) {
      if (got == 0) return false;
      throw std::runtime_error("loopback replay: connection closed inside a message");
    }
    if (n < 0) fail("recv");
    got += static_cast<std::size_t>(n);
  }
  return true;
}

struct Listener {
  std::unique_ptr<Fd> fd;
  std::uint16_t port = 0;
};

Listener listen_on_loopback() {
  Listener l{std::make_unique<Fd>(::socket(AF_INET, SOCK_STREAM, 0), "socket"), 0};
  // accept() honours the receive timeout: a client that never came must not hang the run.
  timeval timeout{30, 0};
  ::setsockopt(l.fd->get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(l.fd->get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    fail("bind");
  if (::listen(l.fd->get(), 1) != 0) fail("listen");
  socklen_t length = sizeof address;
  if (::getsockname(l.fd->get(), reinterpret_cast<sockaddr*>(&address), &length) != 0)
    fail("getsockname");
  l.port = ntohs(address.sin_port);
  return l;
}

// The meter's side: answers every request with the fixed response until the client closes.
void respond(const Fd& listener, const ExchangeShape& shape) {
  const Fd connection(::accept(listener.get(), nullptr, nullptr), "accept");
  tune(connection.get());
  std::vector<std::uint8_t> request(shape.request_bytes);
  const std::vector<std::uint8_t> response(shape.response_bytes, 0x5a);
  while (read_exactly(connection.get(), request)) write_all(connection.get(), response);
}

// The head-end's side: connects and makes the round trips, counting bytes only.
void request(std::uint16_t port, const ExchangeShape& shape) {
  const Fd connection(::socket(AF_INET, SOCK_STREAM, 0), "socket");
  tune(connection.get());
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(connection.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
    fail("connect");
  const std::vector<std::uint8_t> out(shape.request_bytes, 0xa5);
  std::vector<std::uint8_t> in(shape.response_bytes);
  for (std::uint64_t i = 0; i < shape.round_trips; ++i) {
    write_all(connection.get(), out);
    if (!read_exactly(connection.get(), in))
      throw std::runtime_error("loopback replay: responder closed the connection");
  }
}

}  // namespace

ReplayResult replay_over_loopback(const std::vector<ExchangeShape>& connections) {
  std::vector<Listener> listeners;
  ReplayResult result;
  for (const auto& shape : connections) {
    if (shape.request_bytes == 0 || shape.response_bytes == 0)
      throw std::invalid_argument("loopback replay: empty requests or responses");
    listeners.push_back(listen_on_loopback());
    result.bytes += shape.round_trips * (shape.request_bytes + shape.response_bytes);
  }

  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto guarded = [&](auto&& body) {
    try {
      body();
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::latch go(1);
  std::vector<std::thread> responders;
  std::vector<std::thread> clients;
  for (std::size_t i = 0; i < connections.size(); ++i) {
    responders.emplace_back(
        [&, i] { guarded([&] { respond(*listeners[i].fd, connections[i]); }); });
    clients.emplace_back([&, i] {
      go.wait();
      guarded([&] { request(listeners[i].port, connections[i]); });
    });
  }
  const auto start = Clock::now();
  go.count_down();
  for (auto& c : clients) c.join();
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (auto& r : responders) r.join();
  if (failure) std::rethrow_exception(failure);
  return result;
}

}  // namespace jemhead::bench
