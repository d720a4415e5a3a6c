#pragma once
// The meter's side of an HDLC link for the channel tests, built on the same codec: a
// secondary station in normal response mode with window 1 that answers SNRM with UA
// (negotiating against its own limits), reassembles segmented requests (RR per segment),
// answers each request APDU and segments long responses, sending the next segment when
// polled by RR. An RR whose N(R) does not acknowledge its last I frame makes it send that
// frame again, the recovery the channel relies on.
//
// It runs on its own thread on the controller side of a pseudo-terminal pair, and can
// lose or corrupt frames in either direction on request.
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include "drivers/protocol/dlms/hdlc/control.hpp"
#include "drivers/protocol/dlms/hdlc/frame.hpp"
#include "drivers/protocol/dlms/hdlc/parameters.hpp"
#include "tests/unit/transport/pty_pair.hpp"

namespace jemhead::dlms::link::testing {

using Answer = std::function<std::vector<std::uint8_t>(std::span<const std::uint8_t>)>;

// The default answer: C4 followed by the request, so each response names its request.
std::vector<std::uint8_t> echo_answer(std::span<const std::uint8_t> request);

struct FakeMeterOptions {
  std::uint8_t client_sap = 16;
  std::uint16_t logical_device = 1;
  std::uint16_t physical_address = 100;
  hdlc::LinkParameters limits{};  // the meter's own, negotiated against the SNRM's
  // Stated in the UA instead of the negotiated values (to test what the client accepts).
  std::optional<hdlc::HdlcParameters> ua_parameters;
  bool refuse_connection = false;  // SNRM answered with DM
  Answer answer = echo_answer;
};

class FakeHdlcMeter {
 public:
  FakeHdlcMeter(const transport::testing::PtyPair& pty, FakeMeterOptions options);
  ~FakeHdlcMeter();
  FakeHdlcMeter(const FakeHdlcMeter&) = delete;
  FakeHdlcMeter& operator=(const FakeHdlcMeter&) = delete;

  // Faults for the next `n` frames of a kind:
  void drop_sent(int n);      // frames the meter sends are lost on the line
  void corrupt_sent(int n);   // ... arrive with a bad FCS
  void truncate_sent(int n);  // ... lose their second half
  void lose_requests(int n);  // I frames from the client never reach the meter
  // The next I frame is answered with this unnumbered frame (DM or FRMR) instead.
  void answer_next_request_with(hdlc::FrameType type);
  // From now on the meter answers nothing.
  void mute();
  // Before every I frame it sends, the meter also sends frames to another client SAP and
  // from another physical address (a shared line).
  void send_foreign_frames(bool on);

  // Every frame addressed to the meter, in order of arrival (lost ones included).
  std::vector<hdlc::Frame> received() const;
  // Complete request APDUs (LLC header stripped).
  std::vector<std::vector<std::uint8_t>> requests() const;
  hdlc::LinkParameters negotiated() const;
  bool connected() const;

 private:
  void run();
  void handle(const hdlc::Frame& frame);
  void send(const hdlc::Control& control, std::span<const std::uint8_t> info = {},
            bool segmented = false);
  void send_next_segment();
  void write(std::vector<std::uint8_t> bytes);

  const transport::testing::PtyPair& pty_;
  FakeMeterOptions options_;
  hdlc::Address client_;
  hdlc::Address server_;

  mutable std::mutex mutex_;  // guards everything below
  int drop_ = 0;
  int corrupt_ = 0;
  int truncate_ = 0;
  int lose_ = 0;
  std::optional<hdlc::FrameType> next_answer_;
  bool mute_ = false;
  bool foreign_ = false;
  std::vector<hdlc::Frame> received_;
  std::vector<std::vector<std::uint8_t>> requests_;
  hdlc::LinkParameters negotiated_{};
  bool connected_ = false;
  std::uint8_t send_state_ = 0;
  std::uint8_t receive_state_ = 0;
  std::vector<std::uint8_t> request_msdu_;
  std::vector<std::vector<std::uint8_t>> outgoing_;  // response segments not sent yet
  std::optional<std::uint8_t> unacknowledged_;       // N(S) of the last I frame sent
  std::vector<std::uint8_t> last_i_frame_;           // its bytes, for resending

  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace jemhead::dlms::link::testing
