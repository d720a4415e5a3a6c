#include "drivers/transport/modem_link.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <cstring>

namespace jemhead::transport {

namespace asio = boost::asio;

namespace {

bool starts_with(const std::string& line, std::string_view prefix) {
  return line.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), line.begin(), [](char a, char b) {
           return std::toupper(static_cast<unsigned char>(a)) == b;
         });
}

bool all_digits(const std::string& line) {
  return !line.empty() && std::all_of(line.begin(), line.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string trimmed(std::string s) {
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && space(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t first = 0;
  while (first < s.size() && space(static_cast<unsigned char>(s[first]))) ++first;
  return s.substr(first);
}

}  // namespace

ModemLink::ModemLink(std::unique_ptr<Link> line, ModemLinkOptions options)
    : line_(std::move(line)), options_(std::move(options)) {
  description_ = "modem";
  if (line_) {
    description_ += " via ";
    description_ += line_->describe();
  }
  std::string problem;
  if (!line_) problem = "no serial line";
  if (options_.phone.empty()) problem = "a phone number is required";
  if (options_.init.empty()) problem = "an init string is required";
  for (auto t : {options_.command_timeout, options_.dial_timeout})
    if (t.count() <= 0) problem = "modem timeouts must be positive";
  if (options_.guard_time.count() < 0) problem = "the guard time cannot be negative";
  if (!problem.empty()) throw TransportError(TransportErrc::invalid_options, description_, problem);
}

ModemLink::~ModemLink() = default;

void ModemLink::fail(TransportErrc code, const std::string& detail) {
  close();
  throw TransportError(code, description_, detail);
}

// Lines end at CR or LF (V1 frames a result as CR LF text CR LF, V0 as text CR).
bool ModemLink::next_line(std::string& line) {
  const auto end = text_.find_first_of("\r\n");
  if (end == std::string::npos) return false;
  line = trimmed(text_.substr(0, end));
  std::size_t consumed = end + 1;
  if (text_[end] == '\r' && consumed < text_.size() && text_[consumed] == '\n') ++consumed;
  skip_line_feed_ = text_[end] == '\r' && consumed == text_.size();
  text_.erase(0, consumed);
  return true;
}

asio::awaitable<void> ModemLink::send_command(std::string text, Deadline deadline) {
  text_.clear();
  text += '\r';
  const std::vector<std::uint8_t> bytes(text.begin(), text.end());
  auto op = line_->write_all(bytes, deadline);
  co_await std::move(op);
}

asio::awaitable<ModemLink::Answer> ModemLink::await_result(Deadline deadline) {
  std::array<std::uint8_t, 256> buffer{};
  for (;;) {
    std::string line;
    while (next_line(line)) {
      // Blank lines, the command's echo (E1), RING and informational lines (CARRIER,
      // PROTOCOL, COMPRESSION) are not results.
      if (line.empty() || starts_with(line, "AT") || starts_with(line, "RING") || line == "2")
        continue;
      Answer a{Result::none, line};
      if (all_digits(line)) {  // numeric result codes (V0)
        const int code = std::stoi(line.substr(0, 4));
        switch (code) {
          case 0: a.result = Result::ok; break;
          case 3: a.result = Result::no_carrier; break;
          case 4: a.result = Result::error; break;
          case 6: a.result = Result::no_dialtone; break;
          case 7: a.result = Result::busy; break;
          case 8: a.result = Result::no_answer; break;
          default: a.result = Result::connect; break;  // 1, and the CONNECT <rate> codes
        }
        co_return a;
      }
      if (starts_with(line, "OK"))
        a.result = Result::ok;
      else if (starts_with(line, "CONNECT"))
        a.result = Result::connect;
      else if (starts_with(line, "BUSY"))
        a.result = Result::busy;
      else if (starts_with(line, "NO CARRIER"))
        a.result = Result::no_carrier;
      else if (starts_with(line, "NO DIALTONE") || starts_with(line, "NO DIAL TONE"))
        a.result = Result::no_dialtone;
      else if (starts_with(line, "NO ANSWER"))
        a.result = Result::no_answer;
      else if (starts_with(line, "ERROR"))
        a.result = Result::error;
      if (a.result != Result::none) co_return a;
    }
    if (Clock::now() >= deadline) co_return Answer{};
    auto op = line_->read_some(buffer, deadline);
    const auto n = co_await std::move(op);
    if (n == 0) co_return Answer{};
    text_.append(reinterpret_cast<const char*>(buffer.data()), n);
  }
}

asio::awaitable<void> ModemLink::open() {
  close();
  text_.clear();
  pending_.clear();
  skip_line_feed_ = false;
  connect_message_.clear();
  {
    auto op = line_->open();
    co_await std::move(op);
  }
  try {
    {
      auto op = send_command(options_.init, deadline_after(options_.command_timeout));
      co_await std::move(op);
    }
    auto init = await_result(deadline_after(options_.command_timeout));
    const auto answer = co_await std::move(init);
    std::string init_text = "the init string ";
    init_text += options_.init;
    if (answer.result == Result::none)
      fail(TransportErrc::modem_no_response, "no OK to " + init_text);
    if (answer.result != Result::ok)
      fail(TransportErrc::modem_error, init_text + " was answered " + answer.line);
    {
      std::string dial_command = "ATD";
      dial_command += options_.phone;
      auto op = send_command(std::move(dial_command), deadline_after(options_.command_timeout));
      co_await std::move(op);
    }
    auto dial = await_result(deadline_after(options_.dial_timeout));
    const auto result = co_await std::move(dial);
    std::string number = "dialling ";
    number += options_.phone;
    switch (result.result) {
      case Result::connect: break;
      case Result::busy: fail(TransportErrc::line_busy, number);
      case Result::no_carrier: fail(TransportErrc::no_carrier, number);
      case Result::no_dialtone: fail(TransportErrc::no_dialtone, number);
      case Result::no_answer: fail(TransportErrc::no_answer, number);
      case Result::none:
        fail(TransportErrc::dial_timeout,
             number + ": nothing within " + std::to_string(options_.dial_timeout.count()) + " ms");
      case Result::ok:
      case Result::error: fail(TransportErrc::modem_error, number + ": " + result.line);
    }
    connect_message_ = result.line;
    // Whatever followed the CONNECT line is the meter's first data.
    pending_.assign(text_.begin(), text_.end());
    text_.clear();
    connected_ = true;
  } catch (...) {
    close();
    throw;
  }
}

asio::awaitable<void> ModemLink::write_all(std::span<const std::uint8_t> bytes, Deadline deadline) {
  if (!is_open()) throw TransportError(TransportErrc::not_open, description_);
  auto op = line_->write_all(bytes, deadline);
  co_await std::move(op);
}

asio::awaitable<std::size_t> ModemLink::read_some(std::span<std::uint8_t> buffer,
                                                  Deadline deadline) {
  if (!is_open()) throw TransportError(TransportErrc::not_open, description_);
  for (;;) {
    if (!pending_.empty()) {
      const auto n = std::min(buffer.size(), pending_.size());
      std::copy_n(pending_.begin(), n, buffer.begin());
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
      skip_line_feed_ = false;
      co_return n;
    }
    auto op = line_->read_some(buffer, deadline);
    auto n = co_await std::move(op);
    if (n > 0 && skip_line_feed_) {
      skip_line_feed_ = false;
      if (buffer[0] == '\n') {
        std::memmove(buffer.data(), buffer.data() + 1, n - 1);
        if (--n == 0) continue;  // only the LF so far: keep waiting for data
      }
    }
    co_return n;
  }
}

asio::awaitable<void> ModemLink::close_gracefully() {
  if (!is_open()) {
    close();
    co_return;
  }
  connected_ = false;
  try {
    asio::steady_timer guard(line_->get_executor());
    guard.expires_after(options_.guard_time);
    {
      auto wait = guard.async_wait(asio::as_tuple(asio::use_awaitable));
      co_await std::move(wait);
    }
    {
      static constexpr std::uint8_t kEscape[] = {'+', '+', '+'};
      auto op = line_->write_all(kEscape, deadline_after(options_.command_timeout));
      co_await std::move(op);
    }
    text_.clear();
    // The modem answers OK once the second guard time has passed. NO CARRIER: the far
    // end hung up first, and the modem is already in command mode.
    auto escape = await_result(deadline_after(options_.guard_time + options_.command_timeout));
    const auto escaped = co_await std::move(escape);
    if (escaped.result != Result::ok && escaped.result != Result::no_carrier)
      fail(TransportErrc::modem_no_response, "no OK to the escape sequence +++");
    {
      auto op = send_command("ATH", deadline_after(options_.command_timeout));
      co_await std::move(op);
    }
    auto hang_up = await_result(deadline_after(options_.command_timeout));
    const auto hung_up = co_await std::move(hang_up);
    if (hung_up.result != Result::ok && hung_up.result != Result::no_carrier)
      fail(TransportErrc::modem_no_response, "no OK to ATH");
  } catch (...) {
    close();
    throw;
  }
  close();
}

void ModemLink::close() noexcept {
  connected_ = false;
  line_->close();
}

bool ModemLink::is_open() const {
  return connected_ && line_->is_open();
}

LinkStats ModemLink::stats() const {
  return line_->stats();
}

std::string ModemLink::describe() const {
  return description_;
}

asio::any_io_executor ModemLink::get_executor() {
  return line_->get_executor();
}

}  // namespace jemhead::transport
