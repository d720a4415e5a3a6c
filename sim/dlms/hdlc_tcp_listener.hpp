#pragma once
// DLMS over HDLC frames in a TCP stream for one simulated meter (`dlms: {hdlc_tcp:}`), as a
// terminal server in front of the meter's serial port carries them: a loopback listener
// of its own, and each connection runs an HdlcLine (HdlcPump) on the socket. Like the
// wrapper listener, a connection holds the meter's one association from accept to close
// (a second one, or one while another port holds the meter, is accepted and closed at
// once), is logged in the Ethernet Connection Status Log, and is closed when idle for the
// inactivity timeout or when an injected fault cuts its transfer. Internal to
// jemhead_sim_dlms (Asio in the header).
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>

#include "sim/dlms/meter_server.hpp"

namespace jemhead::sim::dlms_server {

class HdlcTcpListener {
 public:
  // `spec` is the meter's DLMS spec's hdlc_tcp part.
  HdlcTcpListener(boost::asio::io_context& io, DlmsMeterServer& server, DlmsHdlcTcpSpec spec);
  // Binds the spec's address and port (throws std::system_error) and starts accepting.
  void start();
  std::uint16_t port() const { return port_; }
  std::string listen_text() const;
  const DlmsHdlcTcpSpec& spec() const { return spec_; }
  bool connected() const { return active_.load() > 0; }
  // Stops accepting; only once the io_context's threads have stopped.
  void close();

 private:
  boost::asio::awaitable<void> accept_loop();

  boost::asio::io_context& io_;
  DlmsMeterServer& server_;
  DlmsHdlcTcpSpec spec_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<int> active_{0};
};

}  // namespace jemhead::sim::dlms_server
