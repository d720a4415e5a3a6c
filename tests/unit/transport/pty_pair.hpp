#pragma once
// A pseudo-terminal pair standing in for a serial cable: the code under test opens
// device() like any /dev/tty*, and the test plays the far end on controller_fd().
// Both sides are raw (no echo, no line editing, 8-bit clean).
#include <termios.h>

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace jemhead::transport::testing {

class PtyPair {
 public:
  PtyPair();  // throws std::system_error
  ~PtyPair();
  PtyPair(const PtyPair&) = delete;
  PtyPair& operator=(const PtyPair&) = delete;

  const std::string& device() const { return device_; }
  int controller_fd() const { return controller_; }

  // The far end: write everything; read what arrives until `bytes` are collected or
  // `timeout` passes.
  void write(std::span<const std::uint8_t> bytes) const;
  std::vector<std::uint8_t> read(std::size_t bytes, std::chrono::milliseconds timeout) const;
  // Whatever has arrived, waiting at most `timeout` for the first byte (so the caller
  // learns of a request as soon as it starts arriving).
  std::vector<std::uint8_t> read_available(std::chrono::milliseconds timeout) const;
  // True if something arrives within `timeout`.
  bool readable_within(std::chrono::milliseconds timeout) const;

  // The device side's current termios (kept open here, so settings made by the code under
  // test through its own descriptor are visible).
  termios device_settings() const;

 private:
  int controller_ = -1;
  int device_fd_ = -1;  // held open so the controller never sees EIO between opens
  std::string device_;
};

}  // namespace jemhead::transport::testing
