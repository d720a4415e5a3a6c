#include "sim/raw_pty.hpp"

#include <fcntl.h>
#include <pty.h>
#include <termios.h>

#include <array>
#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace jemhead::sim {

namespace {
speed_t speed_of(std::uint32_t baud) {
  switch (baud) {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    default:
      throw std::invalid_argument("no serial line runs at " + std::to_string(baud) + " baud");
  }
}
}  // namespace

RawPty open_raw_pty(std::uint32_t baud, const std::string& what) {
  const speed_t speed = speed_of(baud);
  RawPty pty;
  std::array<char, 256> name{};
  if (::openpty(&pty.controller, &pty.device, name.data(), nullptr, nullptr) != 0)
    throw std::system_error(errno, std::generic_category(), "openpty for " + what);
  for (int fd : {pty.controller, pty.device}) {
    termios tio{};
    ::tcgetattr(fd, &tio);
    ::cfmakeraw(&tio);
    ::cfsetispeed(&tio, speed);
    ::cfsetospeed(&tio, speed);
    tio.c_cflag |= CLOCAL | CREAD;
    ::tcsetattr(fd, TCSANOW, &tio);
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  }
  pty.device_name = name.data();
  return pty;
}

}  // namespace jemhead::sim
