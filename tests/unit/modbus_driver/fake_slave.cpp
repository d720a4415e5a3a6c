#include "fake_slave.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <variant>

#include "drivers/protocol/modbus/mbap_frame.hpp"
#include "drivers/protocol/modbus/rtu_frame.hpp"

namespace jemhead::modbus::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

FakeSlave::FakeSlave(asio::io_context& io, FakeSlaveConfig config)
    : io_(io),
      config_(config),
      acceptor_(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
  port_ = acceptor_.local_endpoint().port();
  live_coroutines_ = 1;  // the accept loop, counted before it is queued
  asio::co_spawn(io_, accept_loop(), asio::detached);
}

FakeSlave::~FakeSlave() {
  asio::post(io_, [this] {
    closing_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (auto* socket : connections_) socket->close(ignored);
  });
  all_done_.get_future().wait();
}

void FakeSlave::coroutine_finished() {
  if (--live_coroutines_ == 0 && closing_) all_done_.set_value();
}

asio::awaitable<void> FakeSlave::accept_loop() {
  try {
    for (;;) {
      auto socket = co_await acceptor_.async_accept(asio::use_awaitable);
      if (closing_) break;
      ++live_coroutines_;
      asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
    }
  } catch (const std::exception&) {
    // The listener was closed.
  }
  coroutine_finished();
}

std::vector<std::uint8_t> FakeSlave::answer(const std::vector<std::uint8_t>& request_pdu) {
  auto decoded = decode_request(request_pdu);
  if (auto* rejection = std::get_if<RequestRejection>(&decoded))
    return encode_exception(rejection->reply);
  const auto& request = std::get<Request>(decoded);
  requests.push_back(request);
  const auto fc = code_byte(function_of(request));
  if (auto it = exception_for_function.find(fc); it != exception_for_function.end())
    return encode_exception({fc, it->second});
  const auto illegal_address = encode_exception({fc, ExceptionCode::illegal_data_address});

  if (auto* r = std::get_if<ReadRegistersRequest>(&request)) {
    auto& table = r->function == FunctionCode::read_holding_registers ? holding : input;
    std::vector<std::uint16_t> values;
    for (std::uint16_t i = 0; i < r->quantity; ++i) {
      auto it = table.find(static_cast<std::uint16_t>(r->address + i));
      if (it == table.end()) return illegal_address;
      values.push_back(it->second);
    }
    return encode_response(registers_response(*r, values));
  }
  if (auto* r = std::get_if<ReadBitsRequest>(&request)) {
    auto& table = r->function == FunctionCode::read_coils ? coils : discrete;
    std::vector<bool> values;
    for (std::uint16_t i = 0; i < r->quantity; ++i) {
      auto it = table.find(static_cast<std::uint16_t>(r->address + i));
      if (it == table.end()) return illegal_address;
      values.push_back(it->second);
    }
    return encode_response(bits_response(*r, values));
  }
  if (auto* w = std::get_if<WriteMultipleRegistersRequest>(&request)) {
    for (std::size_t i = 0; i < w->values.size(); ++i)
      holding[static_cast<std::uint16_t>(w->address + i)] = w->values[i];
  } else if (auto* c = std::get_if<WriteSingleCoilRequest>(&request)) {
    if (!coils.count(c->address)) return illegal_address;
    coils[c->address] = c->on;
  } else if (auto* m = std::get_if<WriteMultipleCoilsRequest>(&request)) {
    for (std::size_t i = 0; i < m->values.size(); ++i)
      coils[static_cast<std::uint16_t>(m->address + i)] = m->values[i];
  }
  return encode_response(echo_response(request));
}

asio::awaitable<void> FakeSlave::serve(tcp::socket socket) {
  MbapDecoder mbap;
  RtuDecoder rtu(RtuDecoderOptions{RtuDirection::requests, config_.crc_order, config_.unit, false});
  std::array<std::uint8_t, 512> buffer{};
  connections_.insert(&socket);
  try {
    for (;;) {
      const auto n = co_await socket.async_read_some(asio::buffer(buffer), asio::use_awaitable);
      std::vector<std::vector<std::uint8_t>> replies;
      if (config_.rtu) {
        rtu.feed(std::span<const std::uint8_t>(buffer.data(), n));
        while (auto frame = rtu.next()) {
          if (ignore_next > 0) {
            --ignore_next;
            continue;
          }
          replies.push_back(encode_rtu(config_.unit, answer(frame->pdu), config_.crc_order));
        }
      } else {
        mbap.feed(std::span<const std::uint8_t>(buffer.data(), n));
        while (auto frame = mbap.next()) {
          if (ignore_next > 0) {
            --ignore_next;
            continue;
          }
          replies.push_back(encode_mbap(frame->transaction_id, frame->unit_id, answer(frame->pdu)));
        }
      }
      for (const auto& reply : replies) {
        if (delayed > 0) {
          --delayed;
          asio::steady_timer pause(io_, delay);
          co_await pause.async_wait(asio::use_awaitable);
        }
        co_await asio::async_write(socket, asio::buffer(reply), asio::use_awaitable);
      }
    }
  } catch (const std::exception&) {
    // The master (or the destructor) closed the connection.
  }
  connections_.erase(&socket);
  coroutine_finished();
}

}  // namespace jemhead::modbus::testing
