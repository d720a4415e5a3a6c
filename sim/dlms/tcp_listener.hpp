#pragma once
// DLMS over TCP for one simulated meter (IEC 62056-47 wrapper): a loopback listener of
// its own and ONE connection at a time, as the meter has one association at a time; a
// second connection (or one while another port holds the meter, DlmsMeterServer::
// try_claim) is accepted and closed at once (counted). Frames to another logical
// device than the management one (wPort 1) are ignored; a bad wrapper header drops the
// connection (TCP has nothing to resynchronise on); an idle connection is closed after
// the TCP inactivity timeout. Internal to jemhead_sim_dlms (Asio in the header).
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>

#include "sim/dlms/meter_server.hpp"

namespace jemhead::sim::dlms_server {

class TcpDlmsListener {
 public:
  TcpDlmsListener(boost::asio::io_context& io, DlmsMeterServer& server);
  // Binds the spec's address and port (throws std::system_error) and starts accepting.
  void start();
  std::uint16_t port() const { return port_; }
  std::string listen_text() const;
  bool connected() const { return active_.load() > 0; }
  // Stops accepting; only once the io_context's threads have stopped.
  void close();

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket);
  boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket& socket);

  boost::asio::io_context& io_;
  DlmsMeterServer& server_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<int> active_{0};
};

}  // namespace jemhead::sim::dlms_server
