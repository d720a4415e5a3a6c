#include "test_clients.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <stdexcept>

namespace jemhead::sim::testing {

namespace {

using Clock = std::chrono::steady_clock;

void write_all(int fd, const std::vector<std::uint8_t>& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) throw std::runtime_error("write failed");
    done += static_cast<std::size_t>(n);
  }
}

// Reads until `wait` passes, `enough` bytes arrived, or the peer closed (sets *eof).
std::vector<std::uint8_t> read_for(int fd, Ms wait, std::size_t enough, bool* eof) {
  std::vector<std::uint8_t> out;
  const auto deadline = Clock::now() + wait;
  while (out.size() < enough) {
    const auto left = std::chrono::duration_cast<Ms>(deadline - Clock::now()).count();
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    std::array<std::uint8_t, 512> buf{};
    const auto n = ::read(fd, buf.data(), buf.size());
    if (n <= 0) {
      if (eof) *eof = true;
      break;
    }
    out.insert(out.end(), buf.begin(), buf.begin() + n);
  }
  return out;
}

}  // namespace

TcpTestClient::TcpTestClient(std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    throw std::runtime_error("connect to 127.0.0.1:" + std::to_string(port) + " failed");
}

TcpTestClient::~TcpTestClient() {
  if (fd_ >= 0) ::close(fd_);
}

void TcpTestClient::send_raw(const std::vector<std::uint8_t>& bytes) {
  write_all(fd_, bytes);
}

std::vector<std::uint8_t> TcpTestClient::receive_raw(Ms wait, std::size_t enough) {
  return read_for(fd_, wait, enough, nullptr);
}

bool TcpTestClient::closed_within(Ms wait) {
  bool eof = false;
  read_for(fd_, wait, SIZE_MAX, &eof);
  return eof;
}

std::optional<modbus::MbapFrame> TcpTestClient::exchange_frame(const modbus::Request& request,
                                                               std::uint8_t unit, Ms wait) {
  const std::uint16_t tid = next_tid_++;
  send_raw(modbus::encode_mbap(tid, unit, modbus::encode_request(request)));
  modbus::MbapDecoder decoder;
  const auto deadline = Clock::now() + wait;
  while (Clock::now() < deadline) {
    bool eof = false;
    auto bytes = read_for(fd_, std::chrono::duration_cast<Ms>(deadline - Clock::now()), 1, &eof);
    decoder.feed(bytes);
    if (auto frame = decoder.next()) return frame;
    if (eof || decoder.error()) return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Outcome> TcpTestClient::transact(const modbus::Request& request, std::uint8_t unit,
                                               Ms wait) {
  auto frame = exchange_frame(request, unit, wait);
  if (!frame) return std::nullopt;
  return modbus::decode_response(request, frame->pdu);
}

PtyTestClient::PtyTestClient(const std::string& device) {
  fd_ = ::open(device.c_str(), O_RDWR | O_NOCTTY);
  if (fd_ < 0) throw std::runtime_error("cannot open " + device);
  termios tio{};
  ::tcgetattr(fd_, &tio);
  ::cfmakeraw(&tio);
  ::tcsetattr(fd_, TCSANOW, &tio);
  drain(Ms(20));
}

PtyTestClient::~PtyTestClient() {
  if (fd_ >= 0) ::close(fd_);
}

void PtyTestClient::send_raw(const std::vector<std::uint8_t>& bytes) {
  write_all(fd_, bytes);
}

std::vector<std::uint8_t> PtyTestClient::receive_raw(Ms wait, std::size_t enough) {
  return read_for(fd_, wait, enough, nullptr);
}

void PtyTestClient::drain(Ms quiet) {
  while (!read_for(fd_, quiet, SIZE_MAX, nullptr).empty()) {
  }
}

std::optional<modbus::RtuFrame> PtyTestClient::exchange_frame(std::uint8_t address,
                                                              const modbus::Request& request,
                                                              Ms wait, modbus::CrcOrder order) {
  send_raw(modbus::encode_rtu(address, modbus::encode_request(request), order));
  modbus::RtuDecoderOptions options;
  options.direction = modbus::RtuDirection::responses;
  options.crc_order = order;
  options.address = address;
  modbus::RtuDecoder decoder(options);
  const auto deadline = Clock::now() + wait;
  while (Clock::now() < deadline) {
    decoder.feed(
        read_for(fd_, std::chrono::duration_cast<Ms>(deadline - Clock::now()), 1, nullptr));
    if (auto frame = decoder.next()) return frame;
  }
  return std::nullopt;
}

std::optional<Outcome> PtyTestClient::transact(std::uint8_t address, const modbus::Request& request,
                                               Ms wait, modbus::CrcOrder order) {
  auto frame = exchange_frame(address, request, wait, order);
  if (!frame) return std::nullopt;
  return modbus::decode_response(request, frame->pdu);
}

std::vector<std::uint16_t> registers_of(const Outcome& outcome) {
  if (auto* r = std::get_if<modbus::Response>(&outcome))
    if (auto* regs = std::get_if<modbus::ReadRegistersResponse>(r)) return regs->registers;
  ADD_FAILURE() << "not a register response";
  return {};
}

std::vector<bool> bits_of(const Outcome& outcome) {
  if (auto* r = std::get_if<modbus::Response>(&outcome))
    if (auto* bits = std::get_if<modbus::ReadBitsResponse>(r)) return bits->bits;
  ADD_FAILURE() << "not a bit response";
  return {};
}

std::optional<modbus::ExceptionCode> exception_of(const Outcome& outcome) {
  if (auto* e = std::get_if<modbus::ExceptionResponse>(&outcome)) return e->code;
  return std::nullopt;
}

}  // namespace jemhead::sim::testing
