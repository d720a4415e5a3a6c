#include "drivers/protocol/dlms/link/hdlc_channel.hpp"

#include <cstdio>
#include <stdexcept>
#include <utility>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/hdlc/llc.hpp"
#include "drivers/protocol/dlms/hdlc/parameters.hpp"
#include "drivers/protocol/dlms/hdlc/segmentation.hpp"
#include "drivers/transport/driver_link_io.hpp"

namespace jemhead::dlms::link {

namespace {

using hdlc::FrameType;
using transport::deadline_after;

// The largest information field a type-3 frame can carry with four-byte addresses on
// both sides (frame_length_for_info must stay within the 11-bit length).
constexpr std::uint32_t kMaxInfoLength = 2030;
static_assert(hdlc::frame_length_for_info(kMaxInfoLength) <= hdlc::kMaxFrameLength);

// The first bytes of a field in hex, for error messages.
std::string hex_prefix(std::span<const std::uint8_t> bytes) {
  constexpr std::size_t kShown = 16;
  std::string out;
  char digits[4];
  for (std::size_t i = 0; i < bytes.size() && i < kShown; ++i) {
    std::snprintf(digits, sizeof digits, i ? " %02X" : "%02X", bytes[i]);
    out += digits;
  }
  if (bytes.size() > kShown) out += " ...";
  return out.empty() ? "(empty)" : out;
}

HdlcChannelOptions validated(HdlcChannelOptions options) {
  using drivers::ConfigurationError;
  if (options.client_sap > 0x7F)
    throw ConfigurationError("hdlc: client SAP " + std::to_string(options.client_sap) +
                             " is out of range 0..127");
  if (options.logical_device > hdlc::max_address_part(4))
    throw ConfigurationError("hdlc: logical device " + std::to_string(options.logical_device) +
                             " is out of range 0..16383");
  if (options.physical_address < hdlc::kMinPhysicalAddress ||
      options.physical_address > hdlc::kMaxPhysicalAddress)
    throw ConfigurationError("hdlc: physical address " + std::to_string(options.physical_address) +
                             " is out of the meter's range 16..16381");
  for (const auto info : {options.proposed.max_info_transmit, options.proposed.max_info_receive})
    if (info < 1 || info > kMaxInfoLength)
      throw ConfigurationError("hdlc: max info length " + std::to_string(info) +
                               " is out of range 1..2030");
  if (options.response_timeout.count() <= 0 || options.inter_frame_timeout.count() <= 0)
    throw ConfigurationError("hdlc: timeouts must be positive");
  // One I frame per poll is all this channel does (and all the meter supports).
  options.proposed.window_transmit = 1;
  options.proposed.window_receive = 1;
  return options;
}

transport::Link& checked(const std::unique_ptr<transport::Link>& link) {
  if (!link) throw std::invalid_argument("hdlc: no link");
  return *link;
}

}  // namespace

HdlcChannel::HdlcChannel(std::unique_ptr<transport::Link> link, HdlcChannelOptions options)
    : link_(std::move(link)),
      options_(validated(std::move(options))),
      client_(hdlc::client_address(options_.client_sap)),
      server_(hdlc::server_address(options_.logical_device, options_.physical_address)),
      framer_(checked(link_), client_, server_, options_.inter_frame_timeout, stats_) {}

HdlcChannel::~HdlcChannel() = default;

std::string HdlcChannel::describe() const {
  return "hdlc " + std::to_string(options_.client_sap) + "->" +
         std::to_string(options_.logical_device) + "/" + std::to_string(options_.physical_address) +
         " via " + link_->describe();
}

ApduChannelStats HdlcChannel::stats() const {
  auto s = stats_;
  const auto& d = framer_.decoder_stats();
  s.framing_errors = d.bad_format + d.bad_length + d.oversize + d.bad_address + d.bad_hcs +
                     d.bad_fcs + d.missing_flag + d.abandoned;
  const auto l = link_->stats();
  s.bytes_out = l.bytes_out;
  s.bytes_in = l.bytes_in;
  return s;
}

void HdlcChannel::close() noexcept {
  connected_ = false;
  link_->close();
}

void HdlcChannel::fail_state() noexcept {
  close();
}

void HdlcChannel::check_link_ending(const ReceivedFrame& frame, const char* during) const {
  if (frame.control.type == FrameType::dm)
    throw drivers::ConnectionFailed(describe() + ": the meter answered DM (disconnected mode) to " +
                                    during);
  if (frame.control.type == FrameType::frmr)
    throw drivers::BadResponse(describe() + ": the meter rejected our frame with FRMR (" +
                               hex_prefix(frame.info) + ") during " + during);
}

boost::asio::awaitable<void> HdlcChannel::connect() {
  connected_ = false;
  try {
    if (!link_->is_open()) {
      auto op = transport::open_link(*link_);
      co_await std::move(op);
    }
    {
      auto op = framer_.discard_input();
      co_await std::move(op);
    }
    const auto snrm_info = hdlc::encode_parameters(options_.proposed);
    unsigned attempts = 0;
    for (;;) {
      {
        auto op = framer_.send(hdlc::unnumbered(FrameType::snrm), snrm_info, false,
                               deadline_after(options_.response_timeout));
        co_await std::move(op);
      }
      const auto deadline = deadline_after(options_.response_timeout);
      for (;;) {
        auto op = framer_.receive(deadline);
        auto frame = co_await std::move(op);
        if (!frame) break;
        check_link_ending(*frame, "SNRM");
        if (frame->control.type != FrameType::ua) {
          ++stats_.ignored_frames;  // e.g. a late frame of an earlier session
          continue;
        }
        const auto peer = hdlc::decode_parameters(frame->info);
        if (!peer)
          throw drivers::BadResponse(
              describe() + ": malformed parameters in the UA: " + hex_prefix(frame->info));
        // The smaller of each pair; windows cannot exceed the 1 we stated.
        negotiated_ = hdlc::negotiate(options_.proposed, *peer);
        framer_.set_max_info_receive(negotiated_.max_info_receive);
        send_state_ = 0;
        receive_state_ = 0;
        connected_ = true;
        ++stats_.connects;
        co_return;
      }
      retry_or_time_out(attempts,
                        "no UA to SNRM after " + std::to_string(attempts + 1) + " attempts");
    }
  } catch (const drivers::DriverError&) {
    fail_state();
    throw;
  }
}

boost::asio::awaitable<std::vector<std::uint8_t>> HdlcChannel::exchange(
    std::span<const std::uint8_t> request_apdu) {
  if (!connected_) throw drivers::ConnectionFailed(describe() + ": not connected");
  const auto idle = transport::Clock::now() - framer_.last_received();
  if (options_.inactivity_timeout.count() > 0 && idle > options_.inactivity_timeout) {
    fail_state();
    throw drivers::ConnectionFailed(
        describe() + ": idle for " +
        std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(idle).count()) +
        " ms, longer than the meter's inactivity timeout; it has dropped the link");
  }
  try {
    auto op = run_exchange(request_apdu);
    auto apdu = co_await std::move(op);
    ++stats_.exchanges;
    co_return apdu;
  } catch (const drivers::DriverError&) {
    fail_state();
    throw;
  }
}

boost::asio::awaitable<std::vector<std::uint8_t>> HdlcChannel::run_exchange(
    std::span<const std::uint8_t> request_apdu) {
  const auto msdu = hdlc::add_llc(hdlc::LlcDirection::request, request_apdu);
  const auto pieces = hdlc::split_msdu(msdu, negotiated_.max_info_transmit);
  std::optional<ReceivedFrame> answer;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const bool more = i + 1 < pieces.size();
    auto op = send_information(pieces[i], more);
    answer = co_await std::move(op);
    if (more && answer)
      throw drivers::BadResponse(describe() + ": the meter answered segment " +
                                 std::to_string(i + 1) + " of " + std::to_string(pieces.size()) +
                                 " of the request with an I frame");
  }
  auto op = receive_response(std::move(answer));
  co_return co_await std::move(op);
}

boost::asio::awaitable<std::optional<ReceivedFrame>> HdlcChannel::send_information(
    std::span<const std::uint8_t> info, bool segmented) {
  const auto ns = send_state_;
  const auto acknowledged = hdlc::next_sequence(ns);
  const auto control = hdlc::information(ns, receive_state_, true);
  {
    auto op = framer_.send(control, info, segmented, deadline_after(options_.response_timeout));
    co_await std::move(op);
  }
  unsigned attempts = 0;
  auto deadline = deadline_after(options_.response_timeout);
  for (;;) {
    auto receive = framer_.receive(deadline);
    auto frame = co_await std::move(receive);
    if (!frame) {
      auto op = poll(attempts, "acknowledgement of our I frame");
      co_await std::move(op);
      deadline = deadline_after(options_.response_timeout);
      continue;
    }
    check_link_ending(*frame, "an I frame");
    const auto& c = frame->control;
    const bool numbered =
        c.type == FrameType::i || c.type == FrameType::rr || c.type == FrameType::rnr;
    if (numbered && c.receive_sequence == acknowledged) {
      send_state_ = acknowledged;
      if (c.type == FrameType::i) co_return std::move(frame);
      co_return std::nullopt;  // acknowledged; any answer comes in later frames
    }
    if (c.type == FrameType::rr && c.receive_sequence == ns) {
      // The meter never got the frame (it still expects N(S) = ns): send it again.
      retry_or_time_out(attempts, "the meter did not receive our I frame after " +
                                      std::to_string(attempts + 1) + " attempts");
      auto op = framer_.send(control, info, segmented, deadline_after(options_.response_timeout));
      co_await std::move(op);
      deadline = deadline_after(options_.response_timeout);
      continue;
    }
    ++stats_.ignored_frames;
  }
}

boost::asio::awaitable<std::vector<std::uint8_t>> HdlcChannel::receive_response(
    std::optional<ReceivedFrame> first) {
  hdlc::Reassembler reassembler(options_.max_response_length);
  std::optional<ReceivedFrame> pending = std::move(first);
  unsigned attempts = 0;
  auto deadline = deadline_after(options_.response_timeout);
  for (;;) {
    if (!pending) {
      auto receive = framer_.receive(deadline);
      pending = co_await std::move(receive);
      if (!pending) {
        auto op = poll(attempts, "the response");
        co_await std::move(op);
        deadline = deadline_after(options_.response_timeout);
        continue;
      }
      check_link_ending(*pending, "the response");
    }
    const ReceivedFrame frame = std::move(*pending);
    pending.reset();
    const auto& c = frame.control;
    if (c.type != FrameType::i || c.send_sequence != receive_state_ ||
        c.receive_sequence != send_state_) {
      // An RR answering a poll while the meter prepares its answer, a duplicate of a
      // segment already taken, a UI frame: the next silence polls again.
      ++stats_.ignored_frames;
      continue;
    }
    receive_state_ = hdlc::next_sequence(receive_state_);
    attempts = 0;
    if (frame.segmented) ++stats_.segments_in;
    switch (reassembler.add(frame.info, frame.segmented)) {
      case hdlc::Reassembler::Status::too_large:
        throw drivers::BadResponse(describe() + ": the response exceeds " +
                                   std::to_string(options_.max_response_length) + " bytes");
      case hdlc::Reassembler::Status::need_more: {
        // Acknowledges the segment and polls for the next.
        auto op = framer_.send(hdlc::receive_ready(receive_state_, true), {}, false,
                               deadline_after(options_.response_timeout));
        co_await std::move(op);
        deadline = deadline_after(options_.response_timeout);
        continue;
      }
      case hdlc::Reassembler::Status::complete: break;
    }
    const auto msdu = reassembler.take();
    const auto apdu = hdlc::strip_llc(hdlc::LlcDirection::response, msdu);
    if (!apdu)
      throw drivers::BadResponse(describe() +
                                 ": response without the LLC header E6 E7 00: " + hex_prefix(msdu));
    co_return std::vector<std::uint8_t>(apdu->begin(), apdu->end());
  }
}

void HdlcChannel::retry_or_time_out(unsigned& attempts, const std::string& failure) {
  if (attempts == options_.retries) {
    ++stats_.timeouts;
    throw drivers::Timeout(describe() + ": " + failure);
  }
  ++attempts;
  ++stats_.retransmissions;
}

boost::asio::awaitable<void> HdlcChannel::poll(unsigned& attempts, const char* waiting_for) {
  retry_or_time_out(attempts, std::string("no answer (") + waiting_for + ") after " +
                                  std::to_string(attempts) + " polls");
  // RR with P=1 and N(R) = the frame we expect next: the meter answers from its state.
  auto op = framer_.send(hdlc::receive_ready(receive_state_, true), {}, false,
                         deadline_after(options_.response_timeout));
  co_await std::move(op);
}

boost::asio::awaitable<void> HdlcChannel::disconnect() {
  if (!connected_ || !link_->is_open()) {
    close();
    co_return;
  }
  connected_ = false;
  try {
    unsigned attempts = 0;
    for (;;) {
      {
        auto op = framer_.send(hdlc::unnumbered(FrameType::disc), {}, false,
                               deadline_after(options_.response_timeout));
        co_await std::move(op);
      }
      const auto deadline = deadline_after(options_.response_timeout);
      for (;;) {
        auto op = framer_.receive(deadline);
        auto frame = co_await std::move(op);
        if (!frame) break;
        // UA, or DM when the meter had already left normal response mode: both end it.
        if (frame->control.type == FrameType::ua || frame->control.type == FrameType::dm) {
          ++stats_.disconnects;
          // A dial-up line is hung up (escape, ATH). The data link has ended whatever the
          // modem says to that, and closing the port drops DTR, which hangs up as well.
          try {
            auto hang_up = link_->close_gracefully();
            co_await std::move(hang_up);
          } catch (const transport::TransportError&) {
          }
          close();
          co_return;
        }
        ++stats_.ignored_frames;
      }
      retry_or_time_out(attempts,
                        "no UA to DISC after " + std::to_string(attempts + 1) + " attempts");
    }
  } catch (const drivers::DriverError&) {
    fail_state();
    throw;
  }
}

}  // namespace jemhead::dlms::link
