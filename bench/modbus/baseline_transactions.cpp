// The baseline of the transaction benchmark: blocking POSIX sockets, the frames built
// once per transaction exactly as MbapChannel builds them (incrementing transaction id),
// and the response only counted to its known length, never parsed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/modbus/tcp_transactions.hpp"
#include "drivers/protocol/modbus/mbap_frame.hpp"

namespace jemhead::bench {

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const char* what) {
  throw std::runtime_error(std::string("baseline client: ") + what + ": " + std::strerror(errno));
}

class BlockingConnection {
 public:
  explicit BlockingConnection(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) fail("socket");
    int one = 1;  // as TcpLink does (TcpLinkOptions::no_delay)
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    // An answer shorter than expected (an exception) must fail the run, not hang it.
    timeval receive_timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &receive_timeout, sizeof receive_timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
      fail("connect");
  }
  ~BlockingConnection() { ::close(fd_); }
  BlockingConnection(const BlockingConnection&) = delete;
  BlockingConnection& operator=(const BlockingConnection&) = delete;

  void write_all(const std::vector<std::uint8_t>& bytes) {
    for (std::size_t sent = 0; sent < bytes.size();) {
      const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail("send");
      sent += static_cast<std::size_t>(n);
    }
  }
  void read_exactly(std::vector<std::uint8_t>& buffer) {
    for (std::size_t got = 0; got < buffer.size();) {
      const auto n = ::recv(fd_, buffer.data() + got, buffer.size() - got, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n == 0) throw std::runtime_error("baseline client: slave closed the connection");
      if (n < 0) fail("recv");
      got += static_cast<std::size_t>(n);
    }
  }

 private:
  int fd_;
};

}  // namespace

ThroughputRun run_baseline_transactions(std::uint16_t port, std::uint8_t unit_id,
                                        const modbus::ReadRegistersRequest& request,
                                        std::chrono::duration<double> duration) {
  const auto pdu = modbus::encode_request(request);
  // MBAP header (7) + function code + byte count + the registers.
  std::vector<std::uint8_t> response(7 + 2 + 2 * std::size_t{request.quantity});
  std::uint16_t transaction = 1;
  BlockingConnection connection(port);
  auto transact = [&] {
    connection.write_all(modbus::encode_mbap(transaction++, unit_id, pdu));
    connection.read_exactly(response);
  };

  transact();  // warm-up, not timed
  ThroughputRun run;
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration_cast<Clock::duration>(duration);
  Clock::time_point now;
  do {
    transact();
    ++run.transactions;
    now = Clock::now();
  } while (now < until);
  run.seconds = std::chrono::duration<double>(now - start).count();
  return run;
}

}  // namespace jemhead::bench
