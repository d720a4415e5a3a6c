#pragma once
// DLMS over HDLC for one simulated meter on a pseudo-terminal of its own: the meter's
// serial, optical or modem port as a client sees it. jemsim keeps the controller side and
// runs the transport-free HdlcServer on it; a client opens the device (/dev/pts/N, or the
// spec's symlink) like a serial port. The link holds the meter's one association from UA
// to DISC (shared with the TCP port through DlmsMeterServer::try_claim); an idle link is
// dropped after the inactivity timeout and a frame that stalls half way is abandoned after
// the inter-frame timeout. Internal to jemhead_sim_dlms (Asio in the header).
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "sim/dlms/hdlc_server.hpp"
#include "sim/dlms/meter_server.hpp"
#include "sim/dlms/session.hpp"

namespace jemhead::sim::dlms_server {

class HdlcPty final : private HdlcApplication {
 public:
  // `spec` is the meter's DLMS spec's hdlc part.
  HdlcPty(boost::asio::io_context& io, DlmsMeterServer& server, DlmsHdlcSpec spec);
  ~HdlcPty() override;
  HdlcPty(const HdlcPty&) = delete;
  HdlcPty& operator=(const HdlcPty&) = delete;

  // Opens the pty in raw mode and makes the symlink, if any (throws std::system_error).
  void start();
  const std::string& device() const { return device_; }
  const std::string& link() const { return link_; }  // the symlink made, or empty
  const DlmsHdlcSpec& spec() const { return spec_; }
  bool connected() const { return connected_.load(); }
  // Only once the io_context's threads have stopped. Removes the symlink.
  void close();

 private:
  bool open_link(std::uint16_t client_sap) override;
  void close_link() override;
  std::optional<HdlcBytes> serve(std::uint16_t client_sap,
                                 std::span<const std::uint8_t> apdu) override;
  bool drop_requested() const override { return session_ && session_->drop_requested(); }

  boost::asio::awaitable<void> read_loop();
  boost::asio::awaitable<void> timer_loop();
  void send(HdlcBytes bytes);
  boost::asio::awaitable<void> write_queue();
  void publish_stats();

  DlmsMeterServer& server_;
  DlmsHdlcSpec spec_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  HdlcServer hdlc_;
  std::optional<DlmsSession> session_;
  std::atomic<bool> connected_{false};
  boost::asio::posix::stream_descriptor controller_;
  int device_fd_ = -1;  // kept open so the controller never sees a hang-up between clients
  std::string device_;
  std::string link_;
  std::chrono::steady_clock::time_point last_byte_{};
  std::chrono::steady_clock::time_point last_frame_{};
  std::deque<HdlcBytes> outgoing_;
  bool writing_ = false;
  boost::asio::steady_timer tick_;
  HdlcServerStats published_{};
  std::uint64_t published_bad_ = 0;
};

}  // namespace jemhead::sim::dlms_server
