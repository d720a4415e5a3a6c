#pragma once
// A Hayes modem on the far end of a pseudo-terminal pair, for the ModemLink tests: it
// answers AT commands as scripted, and once it has answered CONNECT it passes data on:
// back to the sender (echo), or to and from another device (a bridge to the simulator's
// HDLC pty, standing for the meter's modem and the telephone line). "+++" after a guard
// time of silence returns it to command mode with OK, as a real modem does.
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/transport/pty_pair.hpp"

namespace jemhead::transport::testing {

struct FakeModemScript {
  std::string init_reply = "OK";            // empty: no answer
  std::string dial_reply = "CONNECT 9600";  // empty: no answer
  bool numeric = false;                     // V0: "0\r" instead of "\r\nOK\r\n"
  bool echo_commands = false;               // E1
  std::vector<std::uint8_t> after_connect;  // data sent in the same write as CONNECT
  std::string bridge_device;                // data mode: relay to this device, else echo
  std::chrono::milliseconds guard{100};     // silence needed around "+++"
};

class FakeModem {
 public:
  FakeModem(const PtyPair& pty, FakeModemScript script);
  ~FakeModem();
  FakeModem(const FakeModem&) = delete;
  FakeModem& operator=(const FakeModem&) = delete;

  // Commands received in command mode, without CR ("ATZ", "ATD5551234", "+++", "ATH").
  std::vector<std::string> commands() const;
  // Data received in data mode (not relayed "+++").
  std::vector<std::uint8_t> data() const;
  // Silence before "+++" arrived, and how long after it the ATH came.
  std::chrono::milliseconds silence_before_escape() const;
  std::chrono::milliseconds escape_to_hang_up() const;

 private:
  void run();
  void reply(const std::string& text, const std::vector<std::uint8_t>& extra = {});
  void command(const std::string& line);

  const PtyPair& pty_;
  FakeModemScript script_;
  int bridge_fd_ = -1;
  mutable std::mutex mutex_;
  std::vector<std::string> commands_;
  std::vector<std::uint8_t> data_;
  bool data_mode_ = false;
  std::string line_;
  std::chrono::steady_clock::time_point last_data_{};
  std::chrono::steady_clock::time_point escape_at_{};
  std::chrono::milliseconds silence_before_escape_{0};
  std::chrono::milliseconds escape_to_hang_up_{0};
  bool escape_pending_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace jemhead::transport::testing
