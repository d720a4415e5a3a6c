#include "sim/dlms/hdlc_pty.hpp"

#include <unistd.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include "sim/raw_pty.hpp"

namespace jemhead::sim::dlms_server {

namespace asio = boost::asio;
namespace fs = std::filesystem;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
using SteadyClock = std::chrono::steady_clock;

namespace {

HdlcServerOptions server_options(const DlmsMeterServer& server, const DlmsHdlcSpec& spec) {
  HdlcServerOptions o;
  o.physical_address = server.spec().physical_address;
  o.limits = {spec.max_info, spec.max_info, 1, 1};
  return o;
}

std::string link_path(std::string pattern, const std::string& serial) {
  constexpr std::string_view kSerial = "{serial}";
  for (auto at = pattern.find(kSerial); at != std::string::npos; at = pattern.find(kSerial))
    pattern.replace(at, kSerial.size(), serial);
  return pattern;
}

}  // namespace

HdlcPty::HdlcPty(asio::io_context& io, DlmsMeterServer& server, DlmsHdlcSpec spec)
    : server_(server),
      spec_(std::move(spec)),
      strand_(asio::make_strand(io)),
      hdlc_(*this, server_options(server, spec_)),
      controller_(strand_),
      tick_(strand_) {}

HdlcPty::~HdlcPty() {
  if (device_fd_ >= 0) ::close(device_fd_);
  if (!link_.empty()) {
    std::error_code ignored;
    fs::remove(link_, ignored);
  }
}

void HdlcPty::start() {
  const auto pty = open_raw_pty(spec_.baud, "meter " + server_.serial() + " dlms hdlc");
  controller_.assign(pty.controller);
  device_fd_ = pty.device;
  device_ = pty.device_name;
  if (!spec_.link.empty()) {
    const auto path = link_path(spec_.link, server_.serial());
    std::error_code ec;
    // A symlink left by an earlier run is replaced; anything else is not ours to remove.
    if (fs::is_symlink(fs::symlink_status(path, ec))) fs::remove(path, ec);
    fs::create_symlink(device_, path, ec);
    if (ec) throw std::system_error(ec, "meter " + server_.serial() + ": dlms hdlc link " + path);
    link_ = path;
  }
  last_byte_ = last_frame_ = SteadyClock::now();
  asio::co_spawn(strand_, read_loop(), asio::detached);
  asio::co_spawn(strand_, timer_loop(), asio::detached);
}

void HdlcPty::close() {
  boost::system::error_code ignored;
  controller_.close(ignored);
  tick_.cancel();
  if (connected_) close_link();
}

bool HdlcPty::open_link(std::uint16_t) {
  if (!server_.try_claim()) {
    ++server_.counters().connections_refused;
    return false;
  }
  session_.emplace(server_);
  connected_ = true;
  ++server_.counters().connections_accepted;
  return true;
}

void HdlcPty::close_link() {
  session_.reset();
  connected_ = false;
  server_.release();
  ++server_.counters().connections_closed;
}

std::optional<HdlcBytes> HdlcPty::serve(std::uint16_t client_sap,
                                        std::span<const std::uint8_t> apdu) {
  if (!session_) return std::nullopt;
  return session_->serve(client_sap, apdu);
}

void HdlcPty::publish_stats() {
  // The server's counters are plain (it runs on the strand); the truth route reads atomics.
  auto& c = server_.counters();
  const auto& s = hdlc_.stats();
  c.hdlc_frames_in += s.frames_in - published_.frames_in;
  c.hdlc_frames_out += s.frames_out - published_.frames_out;
  c.hdlc_segments_out += s.segments_out - published_.segments_out;
  c.hdlc_retransmissions += s.retransmissions - published_.retransmissions;
  c.hdlc_foreign_frames += s.foreign_frames - published_.foreign_frames;
  c.ignored_frames += s.ignored_frames - published_.ignored_frames;
  const auto& d = hdlc_.decoder_stats();
  const auto bad = d.bad_format + d.bad_length + d.oversize + d.bad_address + d.bad_hcs +
                   d.bad_fcs + d.missing_flag + d.abandoned;
  c.hdlc_bad_frames += bad - published_bad_;
  published_ = s;
  published_bad_ = bad;
}

asio::awaitable<void> HdlcPty::read_loop() {
  std::array<std::uint8_t, 512> buffer{};
  for (;;) {
    auto read = controller_.async_read_some(asio::buffer(buffer), kTuple);
    auto [ec, n] = co_await std::move(read);
    if (ec) {
      if (ec == asio::error::operation_aborted || !controller_.is_open()) co_return;
      // EIO cannot happen while device_fd_ is open; anything else: back off briefly.
      asio::steady_timer pause(strand_, std::chrono::milliseconds(10));
      auto wait = pause.async_wait(kTuple);
      co_await std::move(wait);
      continue;
    }
    const auto now = SteadyClock::now();
    last_byte_ = now;
    const auto frames_before = hdlc_.stats().frames_in;
    auto answer = hdlc_.on_bytes(std::span<const std::uint8_t>(buffer.data(), n));
    if (hdlc_.stats().frames_in != frames_before) last_frame_ = now;
    publish_stats();
    if (!answer.empty()) send(std::move(answer));
  }
}

asio::awaitable<void> HdlcPty::timer_loop() {
  const auto inter_frame = std::chrono::milliseconds(spec_.inter_frame_timeout_ms);
  const auto inactivity = std::chrono::seconds(spec_.inactivity_timeout_s);
  while (controller_.is_open()) {
    tick_.expires_after(std::chrono::milliseconds(10));
    auto wait = tick_.async_wait(kTuple);
    co_await std::move(wait);
    if (!controller_.is_open()) co_return;
    const auto now = SteadyClock::now();
    if (hdlc_.mid_frame() && now - last_byte_ >= inter_frame) {
      auto answer = hdlc_.on_inter_frame_timeout();
      if (!answer.empty()) send(std::move(answer));
    }
    if (spec_.inactivity_timeout_s > 0 && hdlc_.connected() && now - last_frame_ >= inactivity) {
      hdlc_.on_inactivity();
      ++server_.counters().idle_timeouts;
    }
    publish_stats();
  }
}

void HdlcPty::send(HdlcBytes bytes) {
  outgoing_.push_back(std::move(bytes));
  if (writing_) return;
  writing_ = true;
  asio::co_spawn(strand_, write_queue(), asio::detached);
}

asio::awaitable<void> HdlcPty::write_queue() {
  while (!outgoing_.empty() && controller_.is_open()) {
    auto bytes = std::move(outgoing_.front());
    outgoing_.pop_front();
    auto write = asio::async_write(controller_, asio::buffer(bytes), kTuple);
    auto [ec, n] = co_await std::move(write);
    (void)n;
    if (ec) outgoing_.clear();
  }
  writing_ = false;
}

}  // namespace jemhead::sim::dlms_server
