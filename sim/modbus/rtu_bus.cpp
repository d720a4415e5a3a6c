#include "sim/modbus/rtu_bus.hpp"

#include <unistd.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <system_error>

#include "sim/modbus/fault_injection.hpp"
#include "sim/raw_pty.hpp"

namespace jemhead::sim {

namespace asio = boost::asio;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
using SteadyClock = std::chrono::steady_clock;

namespace {

modbus::RtuDecoder decoder_for(const ModbusSlave& slave) {
  modbus::RtuDecoderOptions options;
  options.direction = modbus::RtuDirection::requests;
  options.crc_order = slave.spec().crc_order;
  options.address = slave.spec().rtu_address.value_or(1);
  return modbus::RtuDecoder(options);
}

}  // namespace

RtuBus::RtuBus(asio::io_context& io, RtuBusSpec spec, std::vector<ModbusSlave*> slaves)
    : strand_(asio::make_strand(io)),
      spec_(std::move(spec)),
      monitor_(modbus::RtuDecoderOptions{modbus::RtuDirection::requests,
                                         modbus::CrcOrder::low_byte_first, std::nullopt, false}),
      master_(strand_),
      frame_timer_(strand_) {
  for (ModbusSlave* s : slaves) drops_.push_back(Drop{s, decoder_for(*s), std::nullopt});
}

RtuBus::~RtuBus() {
  if (slave_fd_ >= 0) ::close(slave_fd_);
}

std::vector<ModbusSlave*> RtuBus::slaves() const {
  std::vector<ModbusSlave*> out;
  for (const auto& d : drops_) out.push_back(d.slave);
  return out;
}

void RtuBus::start() {
  const auto pty = open_raw_pty(spec_.baud, "bus " + spec_.name);
  master_.assign(pty.controller);
  slave_fd_ = pty.device;
  device_ = pty.device_name;
  asio::co_spawn(strand_, read_loop(), asio::detached);
  asio::co_spawn(strand_, frame_timer_loop(), asio::detached);
}

void RtuBus::close() {
  boost::system::error_code ignored;
  master_.close(ignored);
  frame_timer_.cancel();
}

std::chrono::microseconds RtuBus::wire_time(std::size_t bytes) const {
  // 10 bits a character (start, 8 data, stop: 8N1).
  return std::chrono::microseconds(bytes * 10 * 1'000'000 / spec_.baud);
}

asio::awaitable<void> RtuBus::read_loop() {
  std::array<std::uint8_t, 512> buffer{};
  for (;;) {
    auto [ec, n] = co_await master_.async_read_some(asio::buffer(buffer), kTuple);
    if (ec) {
      if (ec == asio::error::operation_aborted || !master_.is_open()) co_return;
      // EIO cannot happen while slave_fd_ is open; anything else: back off briefly.
      frame_timer_.expires_after(std::chrono::milliseconds(10));
      co_await frame_timer_.async_wait(kTuple);
      continue;
    }
    on_bytes(std::span<const std::uint8_t>(buffer.data(), n));
  }
}

void RtuBus::on_bytes(std::span<const std::uint8_t> bytes) {
  const auto now = SteadyClock::now();
  const auto frames_on_bus = monitor_.stats().frames;
  monitor_.feed(bytes);
  while (monitor_.next()) {
  }
  const bool frame_passed = monitor_.stats().frames > frames_on_bus;
  if (!monitor_.mid_frame())
    monitor_partial_since_.reset();
  else if (!monitor_partial_since_ || frame_passed)
    monitor_partial_since_ = now;

  for (auto& drop : drops_) {
    const auto before = drop.decoder.stats();
    drop.decoder.feed(bytes);
    bool delivered = false;
    while (auto frame = drop.decoder.next()) {
      handle_frame(drop, *frame);
      delivered = true;
    }
    if (frame_passed && !delivered && drop.decoder.mid_frame()) {
      drop.decoder.on_silence();  // a false sync inside someone else's frame
      while (auto frame = drop.decoder.next()) handle_frame(drop, *frame);
    }
    const auto& after = drop.decoder.stats();
    if (after.crc_errors > before.crc_errors)
      drop.slave->count_crc_errors(after.crc_errors - before.crc_errors);
    // The frame timeout runs from the matching address (L12862): a candidate that is new
    // since the last bytes started now.
    if (!drop.decoder.mid_frame())
      drop.partial_since.reset();
    else if (!drop.partial_since || after.frames > before.frames ||
             after.crc_errors > before.crc_errors || after.oversize > before.oversize)
      drop.partial_since = now;
  }
}

void RtuBus::handle_frame(Drop& drop, const modbus::RtuFrame& frame) {
  ModbusSlave& slave = *drop.slave;
  const FaultSettings faults = slave.faults();
  if (fault_swallows_request(faults, SlaveLink::rtu)) {
    slave.count_swallowed_request();
    return;
  }
  const auto pdu = slave.serve(frame.pdu);
  auto outcome = apply_fault(faults, SlaveLink::rtu,
                             modbus::encode_rtu(frame.address, pdu, slave.spec().crc_order),
                             slave.next_random());
  if (outcome.applied) slave.count_fault_applied();
  if (!outcome.send) return;
  const auto delay =
      std::chrono::microseconds(std::chrono::milliseconds(slave.spec().turnaround_ms)) +
      wire_time(outcome.bytes.size()) +
      std::chrono::duration_cast<std::chrono::microseconds>(outcome.delay);
  asio::co_spawn(strand_, answer(std::move(outcome.bytes), delay), asio::detached);
}

asio::awaitable<void> RtuBus::answer(std::vector<std::uint8_t> bytes,
                                     std::chrono::microseconds delay) {
  asio::steady_timer timer(strand_);
  timer.expires_after(delay);
  co_await timer.async_wait(kTuple);
  outgoing_.push_back(std::move(bytes));
  if (!writing_) {
    writing_ = true;
    co_await write_queue();
    writing_ = false;
  }
}

asio::awaitable<void> RtuBus::write_queue() {
  while (!outgoing_.empty() && master_.is_open()) {
    auto bytes = std::move(outgoing_.front());
    outgoing_.pop_front();
    auto [ec, n] = co_await asio::async_write(master_, asio::buffer(bytes), kTuple);
    (void)n;
    if (ec) outgoing_.clear();
  }
}

asio::awaitable<void> RtuBus::frame_timer_loop() {
  asio::steady_timer tick(strand_);
  while (master_.is_open()) {
    tick.expires_after(std::chrono::milliseconds(20));
    auto [ec] = co_await tick.async_wait(kTuple);
    if (ec == asio::error::operation_aborted && !master_.is_open()) co_return;
    const auto now = SteadyClock::now();
    for (auto& drop : drops_) {
      if (!drop.partial_since) continue;
      const auto timeout = std::chrono::milliseconds(drop.slave->spec().frame_timeout_ms);
      if (now - *drop.partial_since < timeout) continue;
      // "the portion of the message already processed is discarded and the meter will
      // again look for a matching Device Address" (L12864-12866). on_silence() drops the
      // candidate and rescans the bytes after its address, which the meter has not
      // processed yet; it leaves no partial candidate behind.
      drop.decoder.on_silence();
      drop.partial_since.reset();
      drop.slave->count_frame_timeout();
      while (auto frame = drop.decoder.next()) handle_frame(drop, *frame);
    }
    if (monitor_partial_since_ && now - *monitor_partial_since_ >= std::chrono::milliseconds(100)) {
      monitor_.on_silence();
      while (monitor_.next()) {
      }
      monitor_partial_since_.reset();
    }
  }
}

}  // namespace jemhead::sim
