#include "drivers/protocol/dlms/link/wrapper_channel.hpp"

#include <array>
#include <stdexcept>

#include "drivers/driver_errors.hpp"
#include "drivers/transport/driver_link_io.hpp"

namespace jemhead::dlms::link {

namespace {
WrapperChannelOptions validated(WrapperChannelOptions options) {
  if (options.response_timeout.count() <= 0)
    throw drivers::ConfigurationError("wrapper: the response timeout must be positive");
  if (options.max_apdu_length == 0 || options.max_apdu_length > wrapper::kMaxApduLength)
    throw drivers::ConfigurationError("wrapper: max APDU length must be 1..65535");
  return options;
}
}  // namespace

WrapperChannel::WrapperChannel(std::unique_ptr<transport::Link> link, WrapperChannelOptions options)
    : link_(std::move(link)),
      options_(validated(std::move(options))),
      decoder_(wrapper::WrapperDecoderOptions{options_.max_apdu_length}) {
  if (!link_) throw std::invalid_argument("wrapper: no link");
}

WrapperChannel::~WrapperChannel() = default;

std::string WrapperChannel::describe() const {
  return "wrapper " + std::to_string(options_.client_wport) + "->" +
         std::to_string(options_.server_wport) + " via " + link_->describe();
}

LinkParameters WrapperChannel::negotiated() const {
  const auto limit = static_cast<std::uint32_t>(options_.max_apdu_length);
  return LinkParameters{static_cast<std::uint32_t>(wrapper::kMaxApduLength), limit, 1, 1};
}

ApduChannelStats WrapperChannel::stats() const {
  auto s = stats_;
  const auto& d = decoder_.stats();
  s.framing_errors = d.bad_version + d.oversize + d.empty_apdu;
  const auto l = link_->stats();
  s.bytes_out = l.bytes_out;
  s.bytes_in = l.bytes_in;
  return s;
}

void WrapperChannel::close() noexcept {
  connected_ = false;
  link_->close();
}

boost::asio::awaitable<void> WrapperChannel::connect() {
  connected_ = false;
  if (!link_->is_open()) {
    auto op = transport::open_link(*link_);
    co_await std::move(op);
  }
  decoder_.reset();
  connected_ = true;
  ++stats_.connects;
}

boost::asio::awaitable<void> WrapperChannel::disconnect() {
  if (connected()) ++stats_.disconnects;
  close();
  co_return;
}

boost::asio::awaitable<std::vector<std::uint8_t>> WrapperChannel::exchange(
    std::span<const std::uint8_t> request_apdu) {
  if (!connected()) throw drivers::ConnectionFailed(describe() + ": not connected");
  if (request_apdu.empty() || request_apdu.size() > wrapper::kMaxApduLength)
    throw std::invalid_argument("wrapper: a request APDU must be 1..65535 bytes");
  try {
    auto op = run_exchange(request_apdu);
    auto apdu = co_await std::move(op);
    ++stats_.exchanges;
    co_return apdu;
  } catch (const drivers::DriverError&) {
    close();
    throw;
  }
}

boost::asio::awaitable<std::vector<std::uint8_t>> WrapperChannel::run_exchange(
    std::span<const std::uint8_t> request_apdu) {
  const auto deadline = transport::deadline_after(options_.response_timeout);
  const auto message =
      wrapper::encode_wrapper(options_.client_wport, options_.server_wport, request_apdu);
  {
    auto op = transport::write_bytes(*link_, message, deadline);
    co_await std::move(op);
  }
  ++stats_.frames_out;

  std::array<std::uint8_t, 1024> buffer{};
  for (;;) {
    if (auto frame = decoder_.next()) {
      ++stats_.frames_in;
      if (frame->source != options_.server_wport || frame->destination != options_.client_wport)
        throw drivers::BadResponse(
            describe() + ": response from wPort " + std::to_string(frame->source) + " to wPort " +
            std::to_string(frame->destination) + ", expected " +
            std::to_string(options_.server_wport) + " to " + std::to_string(options_.client_wport));
      co_return std::move(frame->apdu);
    }
    if (decoder_.error() != wrapper::WrapperError::none)
      throw drivers::BadResponse(describe() + ": " +
                                 std::string(wrapper::wrapper_error_text(decoder_.error())));
    if (transport::Clock::now() >= deadline) break;
    auto op = transport::read_bytes(*link_, buffer, deadline);
    const auto received = co_await std::move(op);
    if (received > 0) decoder_.feed(std::span<const std::uint8_t>(buffer.data(), received));
  }
  ++stats_.timeouts;
  throw drivers::Timeout(describe() + ": no complete response before the timeout");
}

}  // namespace jemhead::dlms::link
