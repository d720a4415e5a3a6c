#include "bench/alarms/smtp_load.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace jemhead::bench {

namespace {

using Clock = std::chrono::steady_clock;

// A blocking SMTP client connection: just enough protocol for the load, nothing clever,
// so the baseline and jemhead are driven identically.
class SmtpClient {
 public:
  SmtpClient(const std::string& host, std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1)
      throw std::runtime_error("not an IPv4 address: " + host);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
    expect(220, read_reply());
    send("EHLO bench.local\r\n");
    expect(250, read_reply());
  }
  ~SmtpClient() {
    if (fd_ >= 0) {
      const std::string quit = "QUIT\r\n";
      [[maybe_unused]] auto sent = ::send(fd_, quit.data(), quit.size(), MSG_NOSIGNAL);
      ::close(fd_);
    }
  }
  SmtpClient(const SmtpClient&) = delete;
  SmtpClient& operator=(const SmtpClient&) = delete;

  // Sends one message; returns the final reply's code and the time from the end-of-data
  // dot to that reply.
  std::pair<int, double> send_message(const std::string& message) {
    // Pipelined envelope (the server advertises PIPELINING): one write, three replies.
    send("MAIL FROM:<meter@bench.local>\r\nRCPT TO:<alarms@head-end.local>\r\nDATA\r\n");
    expect(250, read_reply());
    expect(250, read_reply());
    expect(354, read_reply());
    send(message);
    const auto sent = Clock::now();
    send("\r\n.\r\n");
    const int code = read_reply();
    return {code, std::chrono::duration<double, std::milli>(Clock::now() - sent).count()};
  }

 private:
  void send(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const auto n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error(std::string("send: ") + std::strerror(errno));
      done += static_cast<std::size_t>(n);
    }
  }

  // Reads one (possibly multi-line) reply and returns its code.
  int read_reply() {
    for (;;) {
      const auto end = buffer_.find("\r\n");
      if (end != std::string::npos) {
        const std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        if (line.size() < 3) throw std::runtime_error("short SMTP reply: " + line);
        last_ = line;
        if (line.size() > 3 && line[3] == '-') continue;  // more lines follow
        return std::stoi(line.substr(0, 3));
      }
      char chunk[4096];
      const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) throw std::runtime_error("the server closed the connection");
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  void expect(int code, int got) {
    if (got != code)
      throw std::runtime_error("expected " + std::to_string(code) + ", got: " + last_);
  }

  int fd_ = -1;
  std::string buffer_;
  std::string last_;
};

LoadResult one_client(const SmtpLoad& load, std::size_t client, Clock::time_point end) {
  LoadResult result;
  const auto start = Clock::now();
  try {
    SmtpClient smtp(load.host, load.port);
    for (std::size_t n = 0; Clock::now() < end; ++n) {
      const auto [code, latency] = smtp.send_message(load.message_of(client, n));
      result.record(code == 250, latency,
                    code == 250 ? std::string() : "SMTP " + std::to_string(code));
    }
  } catch (const std::exception& e) {
    ++result.refused;
    result.first_error = e.what();
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace

LoadResult run_smtp_load(const SmtpLoad& load) {
  const auto end = Clock::now() + load.duration;
  return run_clients(load.clients, [&](std::size_t c) { return one_client(load, c, end); });
}

}  // namespace jemhead::bench
