#pragma once
// The meter's end of one HDLC line, without I/O: the HdlcServer data link over the meter's
// application layer (DlmsSession), the line's timers and the counters it feeds. Bytes and
// clock ticks go in, bytes to send come out; HdlcPump moves them over a pty or a socket.
//
// What a line is decides the rest (HdlcCarrier):
// - pty: the line is always there. A SNRM claims the meter's one association
//   (DlmsMeterServer::try_claim, else DM) and DISC or inactivity frees it; an idle link
//   drops to NDM without a word; an injected fault drops the link (the next poll gets DM).
// - tcp_connection: the listener claimed the meter when it accepted the connection, so a
//   SNRM always gets the link; a connection idle (no frame, link up or not) for the
//   inactivity timeout is closed, and so is one whose transfer an injected fault cut, as
//   the wrapper listener closes its connection: finished() tells the pump to hang up.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>

#include "sim/dlms/hdlc_server.hpp"
#include "sim/dlms/meter_server.hpp"
#include "sim/dlms/session.hpp"

namespace jemhead::sim::dlms_server {

enum class HdlcCarrier { pty, tcp_connection };

class HdlcLine final : private HdlcApplication {
 public:
  using SteadyClock = std::chrono::steady_clock;
  HdlcLine(DlmsMeterServer& server, const DlmsHdlcLinkSpec& spec, HdlcCarrier carrier,
           SteadyClock::time_point now);
  HdlcLine(const HdlcLine&) = delete;
  HdlcLine& operator=(const HdlcLine&) = delete;

  HdlcBytes on_bytes(std::span<const std::uint8_t> bytes, SteadyClock::time_point now);
  // The inter-frame and inactivity timeouts, checked every few milliseconds.
  HdlcBytes on_tick(SteadyClock::time_point now);
  // The carrier ends: a link still up goes with it (the association is released).
  void hang_up();

  bool connected() const { return connected_.load(); }  // an HDLC link is up; any thread
  bool mid_frame() const { return hdlc_.mid_frame(); }
  // tcp_connection only: the connection must close (idle, or a fault cut the transfer).
  bool finished() const { return finished_; }

 private:
  bool open_link(std::uint16_t client_sap) override;
  void close_link() override;
  std::optional<HdlcBytes> serve(std::uint16_t client_sap,
                                 std::span<const std::uint8_t> apdu) override;
  bool drop_requested() const override { return session_ && session_->drop_requested(); }
  void publish_stats();

  DlmsMeterServer& server_;
  DlmsHdlcLinkSpec spec_;
  HdlcCarrier carrier_;
  HdlcServer hdlc_;
  std::optional<DlmsSession> session_;
  std::atomic<bool> connected_{false};
  bool finished_ = false;
  SteadyClock::time_point last_byte_;
  SteadyClock::time_point last_frame_;
  HdlcServerStats published_{};
  std::uint64_t published_bad_ = 0;
};

}  // namespace jemhead::sim::dlms_server
