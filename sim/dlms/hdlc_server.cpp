#include "sim/dlms/hdlc_server.hpp"

#include <algorithm>

#include "drivers/protocol/dlms/hdlc/llc.hpp"
#include "drivers/protocol/dlms/hdlc/segmentation.hpp"

namespace jemhead::sim::dlms_server {

using hdlc::FrameType;

HdlcServer::HdlcServer(HdlcApplication& application, HdlcServerOptions options)
    : application_(application),
      options_(options),
      server_(hdlc::server_address(hdlc::kManagementLogicalDevice, options.physical_address)),
      decoder_(hdlc::FrameDecoderOptions{hdlc::frame_length_for_info(
          std::max<std::uint32_t>(options.limits.max_info_receive, 128))}) {}

HdlcBytes HdlcServer::on_bytes(std::span<const std::uint8_t> bytes) {
  decoder_.feed(bytes);
  HdlcBytes out;
  drain(out);
  return out;
}

HdlcBytes HdlcServer::on_inter_frame_timeout() {
  decoder_.on_timeout();
  HdlcBytes out;
  drain(out);
  return out;
}

void HdlcServer::on_inactivity() {
  if (!connected_) return;
  ++stats_.inactivity_drops;
  drop_link();
}

void HdlcServer::drain(HdlcBytes& out) {
  while (auto frame = decoder_.next()) handle(*frame, out);
}

void HdlcServer::drop_link() {
  if (!connected_) return;
  connected_ = false;
  request_.clear();
  outgoing_.clear();
  unacknowledged_.reset();
  application_.close_link();
}

void HdlcServer::send(const hdlc::Address& client, const hdlc::Control& control, HdlcBytes& out,
                      std::span<const std::uint8_t> info, bool segmented) {
  const auto bytes =
      hdlc::encode_frame(hdlc::make_frame(client, server_, control, info, segmented));
  out.insert(out.end(), bytes.begin(), bytes.end());
  ++stats_.frames_out;
  if (control.type == FrameType::dm) ++stats_.dm_sent;
  if (control.type == FrameType::frmr) ++stats_.frmr_sent;
}

// FRMR's information field (ISO/IEC 13239): the rejected control field, V(S) and V(R),
// and W = "undefined or not implemented control field".
void HdlcServer::reject(std::uint8_t rejected_control, HdlcBytes& out) {
  const std::uint8_t info[] = {
      rejected_control, static_cast<std::uint8_t>((receive_state_ << 5) | (send_state_ << 1)),
      0x01};
  send(client_, hdlc::unnumbered(FrameType::frmr), out, info);
}

void HdlcServer::handle(const hdlc::Frame& frame, HdlcBytes& out) {
  if (frame.destination != server_ || frame.source.size != 1) {
    ++stats_.foreign_frames;
    return;
  }
  ++stats_.frames_in;
  const auto control = hdlc::decode_control(frame.control);
  const std::uint16_t sap = frame.source.upper;
  if (!control) {
    if (connected_ && frame.source == client_) reject(frame.control, out);
    return;
  }
  switch (control->type) {
    case FrameType::snrm: {
      const auto proposed = hdlc::decode_parameters(frame.info);
      // A new SNRM restarts the link from scratch, whoever held it.
      drop_link();
      if (!proposed || !application_.open_link(sap)) {
        if (proposed) ++stats_.refused;
        send(frame.source, hdlc::unnumbered(FrameType::dm), out);
        return;
      }
      negotiated_ = hdlc::negotiate(options_.limits, *proposed);
      negotiated_.window_transmit = 1;  // one I frame per poll: all the meter does
      negotiated_.window_receive = 1;
      client_ = frame.source;
      connected_ = true;
      send_state_ = 0;
      receive_state_ = 0;
      ++stats_.connects;
      send(client_, hdlc::unnumbered(FrameType::ua), out,
           hdlc::encode_parameters(hdlc::stated(negotiated_)));
      return;
    }
    case FrameType::disc:
      if (connected_ && frame.source == client_) {
        ++stats_.disconnects;
        drop_link();
        send(frame.source, hdlc::unnumbered(FrameType::ua), out);
      } else {
        send(frame.source, hdlc::unnumbered(FrameType::dm), out);
      }
      return;
    case FrameType::ui: ++stats_.ignored_frames; return;
    default: break;
  }
  if (!connected_) {
    // Normal disconnected mode: a command that polls gets DM.
    if (control->poll_final) send(frame.source, hdlc::unnumbered(FrameType::dm), out);
    return;
  }
  if (frame.source != client_) {
    ++stats_.ignored_frames;  // the one association belongs to another client
    return;
  }
  switch (control->type) {
    case FrameType::i: handle_information(frame, *control, out); return;
    case FrameType::rr: handle_receive_ready(*control, false, out); return;
    case FrameType::rnr: handle_receive_ready(*control, true, out); return;
    default: reject(frame.control, out); return;  // UA, DM, FRMR are not commands
  }
}

void HdlcServer::acknowledge(std::uint8_t nr) {
  if (unacknowledged_ && nr == send_state_) unacknowledged_.reset();
}

void HdlcServer::handle_information(const hdlc::Frame& frame, const hdlc::Control& control,
                                    HdlcBytes& out) {
  if (control.send_sequence != receive_state_) {
    // A repeat of a frame already taken (our acknowledgement was lost), or out of
    // sequence: say which one we expect.
    send(client_, hdlc::receive_ready(receive_state_), out);
    return;
  }
  receive_state_ = hdlc::next_sequence(receive_state_);
  acknowledge(control.receive_sequence);
  if (request_.size() + frame.info.size() > options_.max_request) {
    request_.clear();
    reject(frame.control, out);
    return;
  }
  request_.insert(request_.end(), frame.info.begin(), frame.info.end());
  if (frame.segmented) {
    ++stats_.segments_in;
    send(client_, hdlc::receive_ready(receive_state_), out);
    return;
  }
  const auto msdu = std::move(request_);
  request_.clear();
  const auto apdu = hdlc::strip_llc(hdlc::LlcDirection::request, msdu);
  std::optional<HdlcBytes> answer;
  if (apdu)
    answer = application_.serve(client_.upper, *apdu);
  else
    ++stats_.ignored_frames;  // not DLMS behind the LLC: nothing to hand up
  if (!answer) {
    if (application_.drop_requested()) {
      ++stats_.fault_drops;
      drop_link();
      return;
    }
    send(client_, hdlc::receive_ready(receive_state_), out);
    return;
  }
  outgoing_ = hdlc::split_msdu(hdlc::add_llc(hdlc::LlcDirection::response, *answer),
                               negotiated_.max_info_transmit);
  send_next_segment(out);
}

void HdlcServer::handle_receive_ready(const hdlc::Control& control, bool not_ready,
                                      HdlcBytes& out) {
  if (unacknowledged_ && control.receive_sequence == *unacknowledged_) {
    // The client still expects the frame we sent last: it never arrived.
    if (!not_ready) {
      ++stats_.retransmissions;
      out.insert(out.end(), last_frame_.begin(), last_frame_.end());
      ++stats_.frames_out;
      return;
    }
  }
  acknowledge(control.receive_sequence);
  if (!not_ready && !unacknowledged_ && !outgoing_.empty()) {
    send_next_segment(out);
    return;
  }
  send(client_, hdlc::receive_ready(receive_state_), out);
}

void HdlcServer::send_next_segment(HdlcBytes& out) {
  const auto piece = std::move(outgoing_.front());
  outgoing_.erase(outgoing_.begin());
  const bool more = !outgoing_.empty();
  last_frame_ = hdlc::encode_frame(hdlc::make_frame(
      client_, server_, hdlc::information(send_state_, receive_state_), piece, more));
  unacknowledged_ = send_state_;
  send_state_ = hdlc::next_sequence(send_state_);
  out.insert(out.end(), last_frame_.begin(), last_frame_.end());
  ++stats_.frames_out;
  if (more) ++stats_.segments_out;
}

}  // namespace jemhead::sim::dlms_server
