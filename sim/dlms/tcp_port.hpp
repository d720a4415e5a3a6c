#pragma once
// What jemsim's two DLMS TCP listeners (the IEC 62056-47 wrapper, TcpDlmsListener, and HDLC
// frames over TCP, HdlcTcpListener) do alike: bind their loopback address, and keep the
// meter's rules for a TCP connection: one association at a time over all its ports, and
// an Ethernet Connection Status Log entry when a served connection starts and ends.
// Internal to jemhead_sim_dlms (Asio in the header).
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>

#include "sim/dlms/meter_server.hpp"

namespace jemhead::sim::dlms_server {

// Opens, binds and listens (throws std::system_error naming `what`); the port bound.
std::uint16_t listen_loopback(boost::asio::ip::tcp::acceptor& acceptor, const std::string& address,
                              std::uint16_t port, const std::string& what);
// "127.0.0.1:4059", "[::1]:4059".
std::string listen_text(const std::string& address, std::uint16_t port);

// A connection was accepted: claims the meter and logs the connect (true), or, when another
// port holds the meter, closes the socket at once and counts the refusal (false).
bool admit_connection(DlmsMeterServer& server, boost::asio::ip::tcp::socket& socket);
// An admitted connection has closed: logs the disconnect, then frees the meter, so the next
// connection's entry comes after it.
void connection_closed(DlmsMeterServer& server);

}  // namespace jemhead::sim::dlms_server
