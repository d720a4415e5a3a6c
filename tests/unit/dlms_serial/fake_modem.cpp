#include "tests/unit/dlms_serial/fake_modem.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <system_error>

namespace jemhead::transport::testing {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

FakeModem::FakeModem(const PtyPair& pty, FakeModemScript script)
    : pty_(pty), script_(std::move(script)) {
  if (!script_.bridge_device.empty()) {
    bridge_fd_ = ::open(script_.bridge_device.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (bridge_fd_ < 0) throw std::system_error(errno, std::generic_category(), "open bridge");
    termios raw{};
    ::tcgetattr(bridge_fd_, &raw);
    ::cfmakeraw(&raw);
    ::tcsetattr(bridge_fd_, TCSANOW, &raw);
  }
  thread_ = std::thread([this] { run(); });
}

FakeModem::~FakeModem() {
  stop_ = true;
  thread_.join();
  if (bridge_fd_ >= 0) ::close(bridge_fd_);
}

std::vector<std::string> FakeModem::commands() const {
  std::lock_guard lock(mutex_);
  return commands_;
}
std::vector<std::uint8_t> FakeModem::data() const {
  std::lock_guard lock(mutex_);
  return data_;
}
std::chrono::milliseconds FakeModem::silence_before_escape() const {
  std::lock_guard lock(mutex_);
  return silence_before_escape_;
}
std::chrono::milliseconds FakeModem::escape_to_hang_up() const {
  std::lock_guard lock(mutex_);
  return escape_to_hang_up_;
}

void FakeModem::reply(const std::string& text, const std::vector<std::uint8_t>& extra) {
  std::string framed = script_.numeric ? text + "\r" : "\r\n" + text + "\r\n";
  std::vector<std::uint8_t> bytes(framed.begin(), framed.end());
  bytes.insert(bytes.end(), extra.begin(), extra.end());
  pty_.write(bytes);
}

void FakeModem::command(const std::string& line) {
  if (line.empty()) return;
  commands_.push_back(line);
  if (line == "ATH")
    escape_to_hang_up_ =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - escape_at_);
  if (line.rfind("ATD", 0) == 0) {
    if (script_.dial_reply.empty()) return;
    const bool connect = script_.dial_reply.rfind("CONNECT", 0) == 0 || script_.dial_reply == "1";
    reply(script_.dial_reply, connect ? script_.after_connect : std::vector<std::uint8_t>{});
    if (connect) {
      data_mode_ = true;
      last_data_ = Clock::now();
    }
    return;
  }
  const bool init = commands_.size() == 1;
  const std::string answer = init ? script_.init_reply : (script_.numeric ? "0" : "OK");
  if (!answer.empty()) reply(answer);
}

void FakeModem::run() {
  while (!stop_) {
    // The far modem's side of the call: the meter's answers go back to the caller.
    if (bridge_fd_ >= 0 && data_mode_) {
      std::uint8_t buffer[512];
      const auto n = ::read(bridge_fd_, buffer, sizeof buffer);
      if (n > 0) pty_.write(std::span<const std::uint8_t>(buffer, static_cast<std::size_t>(n)));
    }
    const auto bytes = pty_.read_available(5ms);
    std::lock_guard lock(mutex_);
    if (escape_pending_ && Clock::now() - escape_at_ >= script_.guard) {
      escape_pending_ = false;
      data_mode_ = false;
      reply(script_.numeric ? "0" : "OK");
    }
    if (bytes.empty()) continue;
    if (data_mode_) {
      const std::string text(bytes.begin(), bytes.end());
      if (text == "+++" && Clock::now() - last_data_ >= script_.guard) {
        silence_before_escape_ =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - last_data_);
        escape_at_ = Clock::now();
        escape_pending_ = true;
        commands_.push_back("+++");
        continue;
      }
      last_data_ = Clock::now();
      data_.insert(data_.end(), bytes.begin(), bytes.end());
      if (bridge_fd_ >= 0) {
        std::size_t done = 0;
        while (done < bytes.size()) {
          const auto n = ::write(bridge_fd_, bytes.data() + done, bytes.size() - done);
          if (n > 0)
            done += static_cast<std::size_t>(n);
          else {
            pollfd p{bridge_fd_, POLLOUT, 0};
            ::poll(&p, 1, 50);
          }
        }
      } else {
        pty_.write(bytes);
      }
      continue;
    }
    for (char c : std::string(bytes.begin(), bytes.end())) {
      if (c == '\r') {
        if (script_.echo_commands) {
          const std::string echoed = line_ + "\r";
          pty_.write(std::vector<std::uint8_t>(echoed.begin(), echoed.end()));
        }
        command(line_);
        line_.clear();
      } else if (c != '\n') {
        line_ += c;
      }
    }
  }
}

}  // namespace jemhead::transport::testing
