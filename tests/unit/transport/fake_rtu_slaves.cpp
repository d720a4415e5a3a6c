#include "tests/unit/transport/fake_rtu_slaves.hpp"

#include "drivers/protocol/modbus/rtu_frame.hpp"

namespace jemhead::transport::testing {

namespace modbus = jemhead::modbus;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::vector<std::uint8_t> read_request(std::uint8_t address, std::uint16_t token) {
  const std::uint8_t pdu[] = {0x03, static_cast<std::uint8_t>(token >> 8),
                              static_cast<std::uint8_t>(token & 0xFF), 0x00, 0x02};
  return modbus::encode_rtu(address, pdu, modbus::CrcOrder::low_byte_first);
}

std::vector<std::uint8_t> read_response(std::uint8_t address, std::uint16_t token) {
  const std::uint8_t pdu[] = {0x03,
                              0x04,
                              0x00,
                              address,
                              static_cast<std::uint8_t>(token >> 8),
                              static_cast<std::uint8_t>(token & 0xFF)};
  return modbus::encode_rtu(address, pdu, modbus::CrcOrder::low_byte_first);
}

FakeRtuSlaves::FakeRtuSlaves(const PtyPair& pty, SlaveOptions options)
    : pty_(pty), options_(std::move(options)), thread_([this] { run(); }) {}

FakeRtuSlaves::~FakeRtuSlaves() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  thread_.join();
}

std::vector<SeenRequest> FakeRtuSlaves::seen() const {
  std::lock_guard lock(mutex_);
  return seen_;
}

std::vector<std::string> FakeRtuSlaves::violations() const {
  std::lock_guard lock(mutex_);
  return violations_;
}

void FakeRtuSlaves::violation(std::string text) {
  std::lock_guard lock(mutex_);
  violations_.push_back(std::move(text));
}

void FakeRtuSlaves::run() {
  // A bus monitor: any address 1-247, requests direction.
  modbus::RtuDecoder decoder(
      {modbus::RtuDirection::requests, modbus::CrcOrder::low_byte_first, std::nullopt, false});
  std::optional<Clock::time_point> last_answer;
  std::optional<Clock::time_point> dead_until;  // the master may not talk before this
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stop_) return;
    }
    const auto bytes = pty_.read_available(10ms);
    if (bytes.empty()) continue;
    const auto now = Clock::now();
    decoder.feed(bytes);
    while (auto frame = decoder.next()) {
      if (frame->pdu.size() != 5 || frame->pdu[0] != 0x03) {
        violation("unexpected request");
        continue;
      }
      const auto token = static_cast<std::uint16_t>(frame->pdu[1] << 8 | frame->pdu[2]);
      {
        std::lock_guard lock(mutex_);
        seen_.push_back({now, frame->address, token});
      }
      if (dead_until && now < *dead_until) {
        violation("request for " + std::to_string(frame->address) +
                  " while a dead slave's request was still in flight");
      }
      if (last_answer && now - *last_answer < options_.min_gap) {
        violation(
            "request for " + std::to_string(frame->address) + " only " +
            std::to_string(
                std::chrono::duration_cast<std::chrono::microseconds>(now - *last_answer).count()) +
            " µs after the last answer");
      }
      if (options_.dead.count(frame->address)) {
        // A little slack for the time it took us to notice the request.
        dead_until = now + options_.master_timeout - 2ms;
        if (options_.late_answer.count() > 0) {
          std::this_thread::sleep_for(options_.late_answer);
          pty_.write(read_response(frame->address, token));
        }
        continue;
      }
      // Preparing the answer: the line must stay quiet.
      if (pty_.readable_within(options_.response_delay)) {
        violation("bytes arrived while slave " + std::to_string(frame->address) +
                  " was preparing its answer");
      }
      pty_.write(read_response(frame->address, token));
      last_answer = Clock::now();
    }
  }
}

}  // namespace jemhead::transport::testing
