#pragma once
// Minimal blocking Modbus masters for the slave tests, built on the jemhead_modbus codec:
// one over a loopback TCP socket (MBAP), one over the slave side of a pseudo-terminal
// (RTU). Every read has a deadline so a missing answer is a test failure, not a hang.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "drivers/protocol/modbus/crc16.hpp"
#include "drivers/protocol/modbus/mbap_frame.hpp"
#include "drivers/protocol/modbus/pdu.hpp"
#include "drivers/protocol/modbus/rtu_frame.hpp"

namespace jemhead::sim::testing {

using Ms = std::chrono::milliseconds;
using Outcome = std::variant<modbus::Response, modbus::ExceptionResponse, modbus::PduProblem>;

class TcpTestClient {
 public:
  explicit TcpTestClient(std::uint16_t port);  // connects to 127.0.0.1:port (ASSERTs inside)
  ~TcpTestClient();
  TcpTestClient(const TcpTestClient&) = delete;
  TcpTestClient& operator=(const TcpTestClient&) = delete;

  void send_raw(const std::vector<std::uint8_t>& bytes);
  // Bytes received within `wait` (stops early once `enough` bytes arrived).
  std::vector<std::uint8_t> receive_raw(Ms wait, std::size_t enough = SIZE_MAX);
  // True when the peer closed the connection within `wait`.
  bool closed_within(Ms wait);

  std::optional<modbus::MbapFrame> exchange_frame(const modbus::Request& request,
                                                  std::uint8_t unit = 1, Ms wait = Ms(2000));
  std::optional<Outcome> transact(const modbus::Request& request, std::uint8_t unit = 1,
                                  Ms wait = Ms(2000));

 private:
  int fd_ = -1;
  std::uint16_t next_tid_ = 1;
};

class PtyTestClient {
 public:
  explicit PtyTestClient(const std::string& device);
  ~PtyTestClient();
  PtyTestClient(const PtyTestClient&) = delete;
  PtyTestClient& operator=(const PtyTestClient&) = delete;

  void send_raw(const std::vector<std::uint8_t>& bytes);
  std::vector<std::uint8_t> receive_raw(Ms wait, std::size_t enough = SIZE_MAX);
  void drain(Ms quiet = Ms(50));  // discard whatever is in flight

  std::optional<modbus::RtuFrame> exchange_frame(
      std::uint8_t address, const modbus::Request& request, Ms wait = Ms(2000),
      modbus::CrcOrder order = modbus::CrcOrder::low_byte_first);
  std::optional<Outcome> transact(std::uint8_t address, const modbus::Request& request,
                                  Ms wait = Ms(2000),
                                  modbus::CrcOrder order = modbus::CrcOrder::low_byte_first);

 private:
  int fd_ = -1;
};

// Helpers for the assertions.
std::vector<std::uint16_t> registers_of(const Outcome& outcome);
std::vector<bool> bits_of(const Outcome& outcome);
std::optional<modbus::ExceptionCode> exception_of(const Outcome& outcome);

}  // namespace jemhead::sim::testing
