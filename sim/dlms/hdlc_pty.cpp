#include "sim/dlms/hdlc_pty.hpp"

#include <unistd.h>

#include <boost/asio/strand.hpp>
#include <filesystem>
#include <system_error>

#include "sim/raw_pty.hpp"

namespace jemhead::sim::dlms_server {

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace {

std::string link_path(std::string pattern, const std::string& serial) {
  constexpr std::string_view kSerial = "{serial}";
  for (auto at = pattern.find(kSerial); at != std::string::npos; at = pattern.find(kSerial))
    pattern.replace(at, kSerial.size(), serial);
  return pattern;
}

}  // namespace

HdlcPty::HdlcPty(asio::io_context& io, DlmsMeterServer& server, DlmsHdlcSpec spec)
    : io_(io), server_(server), spec_(std::move(spec)) {}

HdlcPty::~HdlcPty() {
  if (device_fd_ >= 0) ::close(device_fd_);
  if (!link_.empty()) {
    std::error_code ignored;
    fs::remove(link_, ignored);
  }
}

void HdlcPty::start() {
  const auto pty = open_raw_pty(spec_.baud, "meter " + server_.serial() + " dlms hdlc");
  asio::posix::stream_descriptor controller(asio::make_strand(io_), pty.controller);
  device_fd_ = pty.device;
  device_ = pty.device_name;
  if (!spec_.link.empty()) {
    const auto path = link_path(spec_.link, server_.serial());
    std::error_code ec;
    // A symlink left by an earlier run is replaced; anything else is not ours to remove.
    if (fs::is_symlink(fs::symlink_status(path, ec))) fs::remove(path, ec);
    fs::create_symlink(device_, path, ec);
    if (ec) throw std::system_error(ec, "meter " + server_.serial() + ": dlms hdlc link " + path);
    link_ = path;
  }
  pump_ = std::make_shared<Pump>(std::move(controller), server_, spec_, HdlcCarrier::pty);
  pump_->start();
}

void HdlcPty::close() {
  if (pump_) pump_->stop();
}

}  // namespace jemhead::sim::dlms_server
