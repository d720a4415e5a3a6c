#pragma once
// WrapperChannel: DLMS APDUs over TCP with the IEC 62056-47 wrapper (the meter listens on
// 4059). Every request goes as one wrapper message from the client's wPort (its SAP) to
// the logical device's (1); the response must come back with the ports the other way
// round. TCP delivers bytes reliably and in order, so there is no negotiation, no
// segmentation and no retransmission here: connect() opens the link and disconnect()
// closes it.
//
// The wrapper has no sequence numbers: an answer that arrives after its request timed out
// would be taken for the next request's. So a timeout, like any failure, closes the
// connection; connect() opens a fresh one. A response with other ports or a broken header
// (the stream has lost its framing) is a drivers::BadResponse.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "drivers/protocol/dlms/link/apdu_channel.hpp"
#include "drivers/protocol/dlms/wrapper/wrapper_frame.hpp"
#include "drivers/transport/link.hpp"

namespace jemhead::dlms::link {

struct WrapperChannelOptions {
  std::uint16_t client_wport = 16;  // the client SAP: 16 public, 1 and 2 LLS
  std::uint16_t server_wport = wrapper::kManagementLogicalDevice;
  // For the whole response to arrive: the connection profile's timeout_ms.
  std::chrono::milliseconds response_timeout{5000};
  // Largest response APDU accepted.
  std::size_t max_apdu_length = wrapper::kMaxApduLength;
};

class WrapperChannel final : public ApduChannel {
 public:
  // Throws drivers::ConfigurationError for a zero timeout or APDU limit.
  WrapperChannel(std::unique_ptr<transport::Link> link, WrapperChannelOptions options);
  ~WrapperChannel() override;

  boost::asio::awaitable<void> connect() override;
  boost::asio::awaitable<std::vector<std::uint8_t>> exchange(
      std::span<const std::uint8_t> request_apdu) override;
  boost::asio::awaitable<void> disconnect() override;
  void close() noexcept override;

  bool connected() const override { return connected_ && link_->is_open(); }
  LinkParameters negotiated() const override;
  ApduChannelStats stats() const override;
  std::string describe() const override;

 private:
  boost::asio::awaitable<std::vector<std::uint8_t>> run_exchange(
      std::span<const std::uint8_t> request_apdu);

  std::unique_ptr<transport::Link> link_;
  WrapperChannelOptions options_;
  wrapper::WrapperDecoder decoder_;
  bool connected_ = false;
  ApduChannelStats stats_;
};

}  // namespace jemhead::dlms::link
