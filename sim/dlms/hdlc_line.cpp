#include "sim/dlms/hdlc_line.hpp"

namespace jemhead::sim::dlms_server {

namespace {

HdlcServerOptions server_options(const DlmsMeterServer& server, const DlmsHdlcLinkSpec& spec) {
  HdlcServerOptions o;
  o.physical_address = server.spec().physical_address;
  o.limits = {spec.max_info, spec.max_info, 1, 1};
  return o;
}

}  // namespace

HdlcLine::HdlcLine(DlmsMeterServer& server, const DlmsHdlcLinkSpec& spec, HdlcCarrier carrier,
                   SteadyClock::time_point now)
    : server_(server),
      spec_(spec),
      carrier_(carrier),
      hdlc_(*this, server_options(server, spec)),
      last_byte_(now),
      last_frame_(now) {}

HdlcBytes HdlcLine::on_bytes(std::span<const std::uint8_t> bytes, SteadyClock::time_point now) {
  last_byte_ = now;
  const auto before = hdlc_.stats();
  auto answer = hdlc_.on_bytes(bytes);
  const auto& after = hdlc_.stats();
  if (after.frames_in != before.frames_in) last_frame_ = now;
  if (carrier_ == HdlcCarrier::tcp_connection && after.fault_drops != before.fault_drops)
    finished_ = true;
  publish_stats();
  return answer;
}

HdlcBytes HdlcLine::on_tick(SteadyClock::time_point now) {
  HdlcBytes answer;
  if (hdlc_.mid_frame() &&
      now - last_byte_ >= std::chrono::milliseconds(spec_.inter_frame_timeout_ms))
    answer = hdlc_.on_inter_frame_timeout();
  const bool idle = spec_.inactivity_timeout_s > 0 &&
                    now - last_frame_ >= std::chrono::seconds(spec_.inactivity_timeout_s);
  // A pty's idle link drops to NDM; an idle TCP connection is closed, link or not, so a
  // client that never sends a SNRM cannot hold the meter's association forever.
  if (idle && !finished_ && (hdlc_.connected() || carrier_ == HdlcCarrier::tcp_connection)) {
    if (hdlc_.connected()) hdlc_.on_inactivity();
    ++server_.counters().idle_timeouts;
    if (carrier_ == HdlcCarrier::tcp_connection) finished_ = true;
  }
  publish_stats();
  return answer;
}

void HdlcLine::hang_up() {
  if (connected_) close_link();
}

bool HdlcLine::open_link(std::uint16_t) {
  if (carrier_ == HdlcCarrier::pty) {
    if (!server_.try_claim()) {
      ++server_.counters().connections_refused;
      return false;
    }
    ++server_.counters().connections_accepted;
  }
  session_.emplace(server_);
  connected_ = true;
  return true;
}

void HdlcLine::close_link() {
  session_.reset();
  connected_ = false;
  if (carrier_ == HdlcCarrier::pty) {
    server_.release();
    ++server_.counters().connections_closed;
  }
}

std::optional<HdlcBytes> HdlcLine::serve(std::uint16_t client_sap,
                                         std::span<const std::uint8_t> apdu) {
  if (!session_) return std::nullopt;
  return session_->serve(client_sap, apdu);
}

void HdlcLine::publish_stats() {
  // The data link's counters are plain (it runs on one strand); the truth route reads
  // atomics, so the differences since the last call are added there.
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

}  // namespace jemhead::sim::dlms_server
