#pragma once
// Moves one HDLC line's bytes over an Asio stream: a pseudo-terminal's controller side
// (HdlcPty) or an accepted TCP socket (HdlcTcpListener). Reads feed the HdlcLine, a 10 ms
// tick runs its timers, and answers go out in order through one writer. The stream's
// executor must be a strand: the line is not thread-safe. The coroutines hold the pump by
// shared_ptr, so it lives as long as any of them. Internal to jemhead_sim_dlms.
//
// pty: read errors are retried (none are expected while jemsim holds the device side open)
// and the pump runs until stop(). tcp_connection: the end of the stream, a read error or
// the line's finished() ends the pump: the socket is closed, the link hung up and `ended`
// called once.
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <utility>

#include "sim/dlms/hdlc_line.hpp"

namespace jemhead::sim::dlms_server {

template <class Stream>
class HdlcPump : public std::enable_shared_from_this<HdlcPump<Stream>> {
 public:
  HdlcPump(Stream stream, DlmsMeterServer& server, const DlmsHdlcLinkSpec& spec,
           HdlcCarrier carrier, std::function<void()> ended = {})
      : stream_(std::move(stream)),
        carrier_(carrier),
        line_(server, spec, carrier, std::chrono::steady_clock::now()),
        tick_(stream_.get_executor()),
        ended_(std::move(ended)) {}

  void start() {
    auto self = this->shared_from_this();
    boost::asio::co_spawn(stream_.get_executor(), read_loop(self), boost::asio::detached);
    boost::asio::co_spawn(stream_.get_executor(), tick_loop(self), boost::asio::detached);
  }
  // On the strand, or once no thread runs the io_context: closes the stream and hangs up.
  void stop() { end(); }
  bool connected() const { return line_.connected(); }

 private:
  static constexpr auto kTuple = boost::asio::as_tuple(boost::asio::use_awaitable);

  static boost::asio::awaitable<void> read_loop(std::shared_ptr<HdlcPump> self) {
    std::array<std::uint8_t, 512> buffer{};
    while (self->stream_.is_open()) {
      auto read = self->stream_.async_read_some(boost::asio::buffer(buffer), kTuple);
      auto [ec, n] = co_await std::move(read);
      if (ec) {
        if (ec == boost::asio::error::operation_aborted || !self->stream_.is_open()) co_return;
        if (self->carrier_ == HdlcCarrier::tcp_connection) {
          self->end();  // the client closed the connection, or it failed
          co_return;
        }
        boost::asio::steady_timer pause(self->stream_.get_executor(),
                                        std::chrono::milliseconds(10));
        auto wait = pause.async_wait(kTuple);
        co_await std::move(wait);
        continue;
      }
      const auto now = std::chrono::steady_clock::now();
      auto answer = self->line_.on_bytes(std::span<const std::uint8_t>(buffer.data(), n), now);
      self->after(std::move(answer));
    }
  }

  static boost::asio::awaitable<void> tick_loop(std::shared_ptr<HdlcPump> self) {
    while (self->stream_.is_open()) {
      self->tick_.expires_after(std::chrono::milliseconds(10));
      auto wait = self->tick_.async_wait(kTuple);
      co_await std::move(wait);
      if (!self->stream_.is_open()) co_return;
      self->after(self->line_.on_tick(std::chrono::steady_clock::now()));
    }
  }

  static boost::asio::awaitable<void> write_queue(std::shared_ptr<HdlcPump> self) {
    while (!self->outgoing_.empty() && self->stream_.is_open()) {
      auto bytes = std::move(self->outgoing_.front());
      self->outgoing_.pop_front();
      auto write = boost::asio::async_write(self->stream_, boost::asio::buffer(bytes), kTuple);
      auto [ec, n] = co_await std::move(write);
      (void)n;
      if (ec) self->outgoing_.clear();
    }
    self->writing_ = false;
  }

  // What the line said and whether it is done.
  void after(HdlcBytes answer) {
    if (!answer.empty()) send(std::move(answer));
    if (line_.finished()) end();
  }

  void send(HdlcBytes bytes) {
    outgoing_.push_back(std::move(bytes));
    if (writing_) return;
    writing_ = true;
    boost::asio::co_spawn(stream_.get_executor(), write_queue(this->shared_from_this()),
                          boost::asio::detached);
  }

  void end() {
    if (ended_once_) return;
    ended_once_ = true;
    boost::system::error_code ignored;
    stream_.close(ignored);
    tick_.cancel();
    line_.hang_up();
    if (ended_) ended_();
  }

  Stream stream_;
  HdlcCarrier carrier_;
  HdlcLine line_;
  boost::asio::steady_timer tick_;
  std::deque<HdlcBytes> outgoing_;
  bool writing_ = false;
  bool ended_once_ = false;
  std::function<void()> ended_;
};

}  // namespace jemhead::sim::dlms_server
