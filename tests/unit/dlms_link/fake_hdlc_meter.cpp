#include "tests/unit/dlms_link/fake_hdlc_meter.hpp"

#include <algorithm>
#include <chrono>

#include "drivers/protocol/dlms/hdlc/frame_decoder.hpp"
#include "drivers/protocol/dlms/hdlc/llc.hpp"
#include "drivers/protocol/dlms/hdlc/segmentation.hpp"

namespace jemhead::dlms::link::testing {

using namespace std::chrono_literals;
using hdlc::FrameType;

std::vector<std::uint8_t> echo_answer(std::span<const std::uint8_t> request) {
  // Sized up front: GCC 12 misreports range-insert after a fixed prefix (-Warray-bounds).
  std::vector<std::uint8_t> out(request.size() + 1, 0xC4);
  std::copy(request.begin(), request.end(), out.begin() + 1);
  return out;
}

FakeHdlcMeter::FakeHdlcMeter(const transport::testing::PtyPair& pty, FakeMeterOptions options)
    : pty_(pty),
      options_(std::move(options)),
      client_(hdlc::client_address(options_.client_sap)),
      server_(hdlc::server_address(options_.logical_device, options_.physical_address)),
      thread_([this] { run(); }) {}

FakeHdlcMeter::~FakeHdlcMeter() {
  stop_ = true;
  thread_.join();
}

void FakeHdlcMeter::drop_sent(int n) {
  std::lock_guard lock(mutex_);
  drop_ = n;
}
void FakeHdlcMeter::corrupt_sent(int n) {
  std::lock_guard lock(mutex_);
  corrupt_ = n;
}
void FakeHdlcMeter::truncate_sent(int n) {
  std::lock_guard lock(mutex_);
  truncate_ = n;
}
void FakeHdlcMeter::lose_requests(int n) {
  std::lock_guard lock(mutex_);
  lose_ = n;
}
void FakeHdlcMeter::answer_next_request_with(FrameType type) {
  std::lock_guard lock(mutex_);
  next_answer_ = type;
}
void FakeHdlcMeter::mute() {
  std::lock_guard lock(mutex_);
  mute_ = true;
}
void FakeHdlcMeter::send_foreign_frames(bool on) {
  std::lock_guard lock(mutex_);
  foreign_ = on;
}

std::vector<hdlc::Frame> FakeHdlcMeter::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}
std::vector<std::vector<std::uint8_t>> FakeHdlcMeter::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}
hdlc::LinkParameters FakeHdlcMeter::negotiated() const {
  std::lock_guard lock(mutex_);
  return negotiated_;
}
bool FakeHdlcMeter::connected() const {
  std::lock_guard lock(mutex_);
  return connected_;
}

void FakeHdlcMeter::run() {
  hdlc::FrameDecoder decoder;
  auto last_byte = std::chrono::steady_clock::now();
  while (!stop_) {
    const auto bytes = pty_.read_available(10ms);
    if (!bytes.empty()) {
      last_byte = std::chrono::steady_clock::now();
      decoder.feed(bytes);
    } else if (decoder.mid_frame() && std::chrono::steady_clock::now() - last_byte > 100ms) {
      decoder.on_timeout();
    }
    while (auto frame = decoder.next()) {
      std::lock_guard lock(mutex_);
      handle(*frame);
    }
  }
}

void FakeHdlcMeter::write(std::vector<std::uint8_t> bytes) {
  if (drop_ > 0) {
    --drop_;
    return;
  }
  if (corrupt_ > 0) {
    --corrupt_;
    bytes[bytes.size() - 2] ^= 0x5A;  // inside the FCS
  }
  if (truncate_ > 0) {
    --truncate_;
    bytes.resize(bytes.size() / 2);
  }
  pty_.write(bytes);
}

void FakeHdlcMeter::send(const hdlc::Control& control, std::span<const std::uint8_t> info,
                         bool segmented) {
  write(hdlc::encode_frame(hdlc::make_frame(client_, server_, control, info, segmented)));
}

void FakeHdlcMeter::send_next_segment() {
  const auto piece = std::move(outgoing_.front());
  outgoing_.erase(outgoing_.begin());
  if (foreign_) {
    // To another client on the same meter, and from another meter to us.
    const std::vector<std::uint8_t> junk{0xE6, 0xE7, 0x00, 0xC4, 0xFF};
    const auto other_client = hdlc::client_address(1);
    const auto other_meter = hdlc::server_address(
        options_.logical_device, static_cast<std::uint16_t>(options_.physical_address + 1));
    pty_.write(hdlc::encode_frame(hdlc::make_frame(
        other_client, server_, hdlc::information(send_state_, receive_state_), junk)));
    pty_.write(hdlc::encode_frame(hdlc::make_frame(
        client_, other_meter, hdlc::information(send_state_, receive_state_), junk)));
  }
  last_i_frame_ = hdlc::encode_frame(hdlc::make_frame(
      client_, server_, hdlc::information(send_state_, receive_state_), piece, !outgoing_.empty()));
  unacknowledged_ = send_state_;
  send_state_ = hdlc::next_sequence(send_state_);
  write(last_i_frame_);
}

void FakeHdlcMeter::handle(const hdlc::Frame& frame) {
  if (frame.destination != server_ || frame.source != client_) return;
  received_.push_back(frame);
  const auto control = hdlc::decode_control(frame.control);
  if (!control || mute_) return;

  switch (control->type) {
    case FrameType::snrm: {
      if (options_.refuse_connection) {
        send(hdlc::unnumbered(FrameType::dm));
        return;
      }
      const auto proposed = hdlc::decode_parameters(frame.info);
      if (!proposed) {
        send(hdlc::unnumbered(FrameType::frmr));
        return;
      }
      negotiated_ = hdlc::negotiate(options_.limits, *proposed);
      connected_ = true;
      send_state_ = 0;
      receive_state_ = 0;
      outgoing_.clear();
      unacknowledged_.reset();
      request_msdu_.clear();
      send(hdlc::unnumbered(FrameType::ua),
           hdlc::encode_parameters(options_.ua_parameters.value_or(hdlc::stated(negotiated_))));
      return;
    }
    case FrameType::disc:
      send(hdlc::unnumbered(connected_ ? FrameType::ua : FrameType::dm));
      connected_ = false;
      return;
    case FrameType::i: {
      if (!connected_) {
        send(hdlc::unnumbered(FrameType::dm));
        return;
      }
      if (lose_ > 0) {
        --lose_;
        return;
      }
      if (next_answer_) {
        const std::vector<std::uint8_t> frmr_info{frame.control, 0x00, 0x01};
        send(hdlc::unnumbered(*next_answer_), *next_answer_ == FrameType::frmr
                                                  ? std::span<const std::uint8_t>(frmr_info)
                                                  : std::span<const std::uint8_t>());
        if (*next_answer_ == FrameType::dm) connected_ = false;
        next_answer_.reset();
        return;
      }
      if (control->send_sequence != receive_state_) {
        send(hdlc::receive_ready(receive_state_));  // duplicate: say what we expect
        return;
      }
      receive_state_ = hdlc::next_sequence(receive_state_);
      if (unacknowledged_ && control->receive_sequence == send_state_) unacknowledged_.reset();
      request_msdu_.insert(request_msdu_.end(), frame.info.begin(), frame.info.end());
      if (frame.segmented) {
        send(hdlc::receive_ready(receive_state_));
        return;
      }
      const auto msdu = std::move(request_msdu_);
      request_msdu_.clear();
      const auto apdu = hdlc::strip_llc(hdlc::LlcDirection::request, msdu);
      if (!apdu) {
        send(hdlc::unnumbered(FrameType::frmr));
        return;
      }
      requests_.emplace_back(apdu->begin(), apdu->end());
      const auto response = hdlc::add_llc(hdlc::LlcDirection::response, options_.answer(*apdu));
      outgoing_ = hdlc::split_msdu(response, negotiated_.max_info_transmit);
      send_next_segment();
      return;
    }
    case FrameType::rr: {
      if (!connected_) {
        send(hdlc::unnumbered(FrameType::dm));
        return;
      }
      if (unacknowledged_ && control->receive_sequence == *unacknowledged_) {
        write(last_i_frame_);  // the client did not get it: again
        return;
      }
      if (unacknowledged_ && control->receive_sequence == send_state_) unacknowledged_.reset();
      if (!unacknowledged_ && !outgoing_.empty()) {
        send_next_segment();
        return;
      }
      send(hdlc::receive_ready(receive_state_));
      return;
    }
    default: send(hdlc::unnumbered(FrameType::frmr)); return;
  }
}

}  // namespace jemhead::dlms::link::testing
