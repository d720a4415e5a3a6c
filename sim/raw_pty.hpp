#pragma once
// A pseudo-terminal pair in raw mode at a given baud, for the simulator's serial lines
// (Modbus RTU buses, DLMS HDLC ports): binary frames, no echo, no line editing, no CR/LF
// translation, both ends close-on-exec. The client opens `device_name`; the simulator
// keeps the controller and holds the device end open so the line never hangs up.
#include <cstdint>
#include <string>

namespace jemhead::sim {

struct RawPty {
  int controller = -1;
  int device = -1;
  std::string device_name;  // "/dev/pts/N"
};

// Throws std::system_error naming `what` when no pty can be had, and std::invalid_argument
// for a baud rate a serial line cannot have (1200-38400 are; the fleet file checks first).
RawPty open_raw_pty(std::uint32_t baud, const std::string& what);

}  // namespace jemhead::sim
