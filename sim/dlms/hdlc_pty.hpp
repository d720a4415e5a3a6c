#pragma once
// DLMS over HDLC for one simulated meter on a pseudo-terminal of its own: the meter's
// serial, optical or modem port as a client sees it. jemsim keeps the controller side and
// runs an HdlcLine on it (HdlcPump); a client opens the device (/dev/pts/N, or the spec's
// symlink) like a serial port. The link holds the meter's one association from UA to DISC
// (shared with the TCP ports through DlmsMeterServer::try_claim); an idle link is dropped
// after the inactivity timeout and a frame that stalls half way is abandoned after the
// inter-frame timeout. Internal to jemhead_sim_dlms (Asio in the header).
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <memory>
#include <string>

#include "sim/dlms/hdlc_pump.hpp"
#include "sim/dlms/meter_server.hpp"

namespace jemhead::sim::dlms_server {

class HdlcPty {
 public:
  // `spec` is the meter's DLMS spec's hdlc part.
  HdlcPty(boost::asio::io_context& io, DlmsMeterServer& server, DlmsHdlcSpec spec);
  ~HdlcPty();
  HdlcPty(const HdlcPty&) = delete;
  HdlcPty& operator=(const HdlcPty&) = delete;

  // Opens the pty in raw mode and makes the symlink, if any (throws std::system_error).
  void start();
  const std::string& device() const { return device_; }
  const std::string& link() const { return link_; }  // the symlink made, or empty
  const DlmsHdlcSpec& spec() const { return spec_; }
  bool connected() const { return pump_ && pump_->connected(); }
  // Only once the io_context's threads have stopped. Removes the symlink.
  void close();

 private:
  using Pump = HdlcPump<boost::asio::posix::stream_descriptor>;
  boost::asio::io_context& io_;
  DlmsMeterServer& server_;
  DlmsHdlcSpec spec_;
  std::shared_ptr<Pump> pump_;
  int device_fd_ = -1;  // kept open so the controller never sees a hang-up between clients
  std::string device_;
  std::string link_;
};

}  // namespace jemhead::sim::dlms_server
