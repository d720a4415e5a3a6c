#include "drivers/transport/serial_link.hpp"

#include <termios.h>

#include <algorithm>
#include <boost/asio/serial_port.hpp>
#include <optional>

#include "drivers/transport/silence.hpp"
#include "drivers/transport/stream_io.hpp"

namespace jemhead::transport {

namespace asio = boost::asio;

namespace {
constexpr std::chrono::milliseconds kMaxDelay{10'000};
}

bool is_supported_baud(std::uint32_t baud) {
  return std::find(std::begin(kSupportedBaudRates), std::end(kSupportedBaudRates), baud) !=
         std::end(kSupportedBaudRates);
}

struct SerialLink::Impl {
  Impl(asio::any_io_executor ex, SerialLinkOptions o)
      : executor(std::move(ex)),
        options(std::move(o)),
        description("serial " + options.device + " " + std::to_string(options.baud) + " 8N1"),
        port(executor),
        watch(executor, [this] {
          boost::system::error_code ignored;
          port.cancel(ignored);
        }) {}

  // Sleeps until `when`; throws write_timeout if that is past `deadline`.
  asio::awaitable<void> wait_until(Clock::time_point when, Deadline deadline) {
    if (when <= Clock::now()) co_return;
    if (when > deadline) {
      ++stats.write_timeouts;
      throw TransportError(TransportErrc::write_timeout, description, "RS-485 delays");
    }
    asio::steady_timer timer(executor, when);
    auto [ec] = co_await timer.async_wait(detail::use_tuple);
    if (ec) throw TransportError(TransportErrc::cancelled, description);
  }

  asio::any_io_executor executor;
  SerialLinkOptions options;
  std::string description;
  asio::serial_port port;
  LinkStats stats;
  std::optional<Clock::time_point> last_rx;
  detail::DeadlineWatch watch;  // after `port`: stops watching before the port goes
};

SerialLink::SerialLink(asio::any_io_executor executor, SerialLinkOptions options)
    : impl_(std::make_unique<Impl>(std::move(executor), std::move(options))) {
  const auto& o = impl_->options;
  std::string problem;
  if (o.device.empty()) problem = "a device path is required";
  if (!is_supported_baud(o.baud)) {
    problem = "baud " + std::to_string(o.baud) +
              " is not one of 1200, 2400, 4800, 9600, "
              "19200, 38400";
  }
  for (auto d : {o.rs485.turnaround_delay, o.rs485.tx_start_delay, o.rs485.tx_end_delay}) {
    if (d < std::chrono::milliseconds{0} || d > kMaxDelay) problem = "RS-485 delays are 0-10000 ms";
  }
  if (!problem.empty())
    throw TransportError(TransportErrc::invalid_options, impl_->description, problem);
}

SerialLink::~SerialLink() = default;

asio::awaitable<void> SerialLink::open() {
  close();
  auto& d = *impl_;
  boost::system::error_code ec;
  d.port.open(d.options.device, ec);
  if (!ec) d.port.set_option(asio::serial_port::baud_rate(d.options.baud), ec);
  if (!ec) d.port.set_option(asio::serial_port::character_size(8), ec);
  if (!ec) d.port.set_option(asio::serial_port::parity(asio::serial_port::parity::none), ec);
  if (!ec) d.port.set_option(asio::serial_port::stop_bits(asio::serial_port::stop_bits::one), ec);
  if (!ec) {
    d.port.set_option(asio::serial_port::flow_control(asio::serial_port::flow_control::none), ec);
  }
  if (ec) {
    ++d.stats.open_failures;
    close();
    throw TransportError(TransportErrc::device_open_failed, d.description, ec.message());
  }
  ::tcflush(d.port.native_handle(), TCIOFLUSH);
  d.last_rx.reset();
  ++d.stats.opens;
  co_return;
}

asio::awaitable<void> SerialLink::write_all(std::span<const std::uint8_t> bytes,
                                            Deadline deadline) {
  auto& d = *impl_;
  if (!is_open()) throw TransportError(TransportErrc::not_open, d.description);
  const auto& timing = d.options.rs485;
  if (d.last_rx) co_await d.wait_until(*d.last_rx + timing.turnaround_delay, deadline);
  co_await d.wait_until(Clock::now() + timing.tx_start_delay, deadline);
  const auto started = Clock::now();
  co_await detail::write_all_before(d.port, d.watch, bytes, deadline, d.stats, d.description);
  // The kernel took the bytes; the line is busy until they have been clocked out.
  co_await d.wait_until(started + wire_time(bytes.size(), d.options.baud) + timing.tx_end_delay,
                        Clock::time_point::max());
}

asio::awaitable<std::size_t> SerialLink::read_some(std::span<std::uint8_t> buffer,
                                                   Deadline deadline) {
  auto& d = *impl_;
  if (!is_open()) throw TransportError(TransportErrc::not_open, d.description);
  if (Clock::now() >= deadline) {
    if (detail::bytes_waiting(d.port.native_handle()) == 0) {
      ++d.stats.read_timeouts;
      co_return 0;
    }
    deadline = Clock::time_point::max();  // bytes are waiting: the read completes at once
  }
  auto n =
      co_await detail::read_some_before(d.port, d.watch, buffer, deadline, d.stats, d.description);
  if (n > 0) d.last_rx = Clock::now();
  co_return n;
}

std::size_t SerialLink::discard_input() {
  if (!is_open()) return 0;
  const auto waiting = detail::bytes_waiting(impl_->port.native_handle());
  ::tcflush(impl_->port.native_handle(), TCIFLUSH);
  return waiting;
}

void SerialLink::close() noexcept {
  auto& port = impl_->port;
  impl_->watch.close([&port] {
    boost::system::error_code ignored;
    port.close(ignored);
  });
}

bool SerialLink::is_open() const {
  return impl_->port.is_open();
}
LinkStats SerialLink::stats() const {
  return impl_->stats;
}
std::string SerialLink::describe() const {
  return impl_->description;
}
asio::any_io_executor SerialLink::get_executor() {
  return impl_->executor;
}
const SerialLinkOptions& SerialLink::options() const {
  return impl_->options;
}
std::optional<Clock::time_point> SerialLink::last_byte_received() const {
  return impl_->last_rx;
}

}  // namespace jemhead::transport
