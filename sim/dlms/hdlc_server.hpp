#pragma once
// The meter's side of the IEC 62056-46 HDLC data link, without any I/O: bytes from the
// line go in, bytes to send come out. A secondary station in normal response mode with
// window 1, as the JEMStar II implements it (part7 §3, manual L13938-L13978):
//
// - Only frames to upper address 1 (the management logical device) and lower address =
//   the meter's physical address (Unit ID), in the four-byte form, from a one-byte client
//   address, are for it; everything else on the line is ignored. Frames with a bad HCS or
//   FCS are dropped silently by the decoder, like noise.
// - Disconnected (NDM): SNRM -> UA with the negotiated parameters (each the smaller of
//   the meter's and the client's, window 1), if the meter is free (one association at a
//   time, shared with the TCP port) -> else DM. DISC and I/RR/RNR with P -> DM.
// - Connected (NRM), for the client that connected: I frames in sequence carry LLC E6 E6
//   00 + the APDU; segmented requests (S bit) are collected, each segment acknowledged by
//   RR. The application's answer goes back behind E6 E7 00, split at the negotiated max
//   info transmit: every piece but the last with the S bit, each sent when the client's RR
//   acknowledges the one before. An RR whose N(R) does not acknowledge the last I frame
//   sent makes the meter send it again (the client's recovery from a lost answer); an I
//   frame out of sequence is answered with RR stating what the meter expects. RNR
//   acknowledges but holds back the next segment. DISC -> UA; SNRM again restarts the link;
//   an undefined or unexpected control field -> FRMR; UI frames are ignored.
// - The pty side calls on_inactivity() after the inactivity timeout (back to NDM without a
//   word, L13970) and on_inter_frame_timeout() when a frame stops arriving half way.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "drivers/protocol/dlms/hdlc/frame.hpp"
#include "drivers/protocol/dlms/hdlc/frame_decoder.hpp"
#include "drivers/protocol/dlms/hdlc/parameters.hpp"

namespace jemhead::sim::dlms_server {

namespace hdlc = jemhead::dlms::hdlc;
using HdlcBytes = std::vector<std::uint8_t>;

// What the data link needs from the layers above it.
class HdlcApplication {
 public:
  virtual ~HdlcApplication() = default;
  // A SNRM asks for the link: false when the meter cannot take it (busy elsewhere).
  virtual bool open_link(std::uint16_t client_sap) = 0;
  // The link ended (DISC, inactivity, a new SNRM): the association goes with it.
  virtual void close_link() = 0;
  // The answer to one request APDU; nullopt = nothing to say.
  virtual std::optional<HdlcBytes> serve(std::uint16_t client_sap,
                                         std::span<const std::uint8_t> apdu) = 0;
  // Asked after serve() answered nullopt: true = drop the link without a word (a fault
  // injected above the data link cut the transfer; the client's next poll gets DM).
  virtual bool drop_requested() const { return false; }
};

struct HdlcServerOptions {
  std::uint16_t physical_address = 100;  // the lower HDLC address, 16..16381
  // The meter's own limits, negotiated against the SNRM's (manual L13956-L13962).
  hdlc::LinkParameters limits{128, 128, 1, 1};
  // Largest request MSDU collected from segments before the link gives up on it.
  std::size_t max_request = 0xFFFF + 3;
};

struct HdlcServerStats {
  std::uint64_t frames_in = 0;  // addressed to this meter and well formed
  std::uint64_t frames_out = 0;
  std::uint64_t segments_in = 0;      // I frames with the S bit received
  std::uint64_t segments_out = 0;     // ... sent
  std::uint64_t retransmissions = 0;  // I frames sent again on an RR
  std::uint64_t foreign_frames = 0;   // for another address, ignored
  std::uint64_t ignored_frames = 0;   // UI, another client while connected, bad LLC
  std::uint64_t refused = 0;          // SNRM answered DM: the meter was busy
  std::uint64_t frmr_sent = 0;
  std::uint64_t dm_sent = 0;
  std::uint64_t connects = 0;
  std::uint64_t disconnects = 0;  // DISC while connected
  std::uint64_t inactivity_drops = 0;
  std::uint64_t fault_drops = 0;  // links dropped because the application asked
};

class HdlcServer {
 public:
  HdlcServer(HdlcApplication& application, HdlcServerOptions options);

  // Received bytes, in chunks of any size; the bytes to send in answer (maybe none).
  HdlcBytes on_bytes(std::span<const std::uint8_t> bytes);
  // The inter-frame timeout ran out with a frame half received: it is abandoned (frames
  // behind its opening flag may still come out, hence the answer).
  HdlcBytes on_inter_frame_timeout();
  // The link sat idle for the inactivity timeout: back to NDM, association released.
  void on_inactivity();

  bool connected() const { return connected_; }
  bool mid_frame() const { return decoder_.mid_frame(); }
  hdlc::LinkParameters negotiated() const { return negotiated_; }
  const HdlcServerStats& stats() const { return stats_; }
  const hdlc::FrameDecoderStats& decoder_stats() const { return decoder_.stats(); }

 private:
  void drain(HdlcBytes& out);
  void handle(const hdlc::Frame& frame, HdlcBytes& out);
  void handle_information(const hdlc::Frame& frame, const hdlc::Control& control, HdlcBytes& out);
  void handle_receive_ready(const hdlc::Control& control, bool not_ready, HdlcBytes& out);
  void acknowledge(std::uint8_t nr);
  void send(const hdlc::Address& client, const hdlc::Control& control, HdlcBytes& out,
            std::span<const std::uint8_t> info = {}, bool segmented = false);
  void send_next_segment(HdlcBytes& out);
  void reject(std::uint8_t rejected_control, HdlcBytes& out);
  void drop_link();

  HdlcApplication& application_;
  HdlcServerOptions options_;
  hdlc::Address server_;
  hdlc::FrameDecoder decoder_;
  HdlcServerStats stats_;

  bool connected_ = false;
  hdlc::Address client_;
  hdlc::LinkParameters negotiated_{};
  std::uint8_t send_state_ = 0;                 // V(S)
  std::uint8_t receive_state_ = 0;              // V(R)
  HdlcBytes request_;                           // segments of the request so far
  std::vector<HdlcBytes> outgoing_;             // response segments not sent yet
  std::optional<std::uint8_t> unacknowledged_;  // N(S) of the last I frame sent
  HdlcBytes last_frame_;                        // its bytes, to send again
};

}  // namespace jemhead::sim::dlms_server
