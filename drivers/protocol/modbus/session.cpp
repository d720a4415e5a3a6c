#include "drivers/protocol/modbus/session.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <variant>

#include "core/enum_text.hpp"
#include "drivers/driver_errors.hpp"

namespace jemhead::modbus {

MasterOptions master_options(const ConnectionProfile& profile) {
  MasterOptions o;
  o.timeout = std::chrono::milliseconds(profile.timeout_ms);
  o.retries = profile.retries;
  o.retry_delay = std::chrono::seconds(profile.retry_delay_s);
  return o;
}

ModbusMaster::ModbusMaster(boost::asio::any_io_executor executor,
                           std::unique_ptr<PduChannel> channel, MasterOptions options)
    : executor_(std::move(executor)), channel_(std::move(channel)), options_(options) {}

boost::asio::awaitable<Response> ModbusMaster::transact(const Request& request) {
  ++stats_.requests;
  const auto pdu = encode_request(request);
  const auto function = std::string(jemhead::to_text(function_of(request)));
  std::exception_ptr last_failure;
  for (std::uint32_t attempt = 0; attempt <= options_.retries; ++attempt) {
    if (attempt > 0) {
      ++stats_.retries;
      if (options_.retry_delay.count() > 0) {
        boost::asio::steady_timer pause(executor_, options_.retry_delay);
        co_await pause.async_wait(boost::asio::use_awaitable);
      }
    }
    ++stats_.attempts;
    std::vector<std::uint8_t> answer;
    try {
      answer =
          co_await channel_->exchange(pdu, std::chrono::steady_clock::now() + options_.timeout);
    } catch (const drivers::Timeout&) {
      last_failure = std::current_exception();
      continue;
    } catch (const drivers::ConnectionFailed&) {
      last_failure = std::current_exception();
      continue;
    } catch (const drivers::BadResponse&) {
      last_failure = std::current_exception();
      continue;
    }
    auto decoded = decode_response(request, answer);
    if (auto* response = std::get_if<Response>(&decoded)) co_return std::move(*response);
    if (auto* exception = std::get_if<ExceptionResponse>(&decoded)) {
      ++stats_.exceptions;
      ++stats_.failures;
      throw drivers::ProtocolException(
          exception->function, static_cast<std::uint8_t>(exception->code),
          channel_->describe() + ": the meter answered " + modbus::describe(*exception));
    }
    const auto& problem = std::get<PduProblem>(decoded);
    last_failure = std::make_exception_ptr(
        drivers::BadResponse(channel_->describe() + ": bad answer to " + function + ": " +
                             std::string(modbus::to_text(problem.error)) +
                             (problem.detail.empty() ? "" : " (" + problem.detail + ")")));
  }
  ++stats_.failures;
  std::rethrow_exception(last_failure);
}

boost::asio::awaitable<std::vector<std::uint16_t>> ModbusMaster::read_registers(
    ReadRegistersRequest r) {
  auto response = co_await transact(r);
  co_return std::move(std::get<ReadRegistersResponse>(response).registers);
}

boost::asio::awaitable<std::vector<bool>> ModbusMaster::read_bits(ReadBitsRequest r) {
  auto response = co_await transact(r);
  co_return std::move(std::get<ReadBitsResponse>(response).bits);
}

boost::asio::awaitable<void> ModbusMaster::write(Request write_request) {
  co_await transact(write_request);
}

}  // namespace jemhead::modbus
