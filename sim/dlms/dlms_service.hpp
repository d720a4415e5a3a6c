#pragma once
// Every DLMS server of a fleet: one wrapper-over-TCP listener per meter whose spec has
// `dlms:` (and an HDLC pseudo-terminal when it has `dlms: {hdlc:}`, an HDLC-over-TCP listener
// when it has `dlms: {hdlc_tcp:}`), on io_context threads of its own so DLMS traffic never
// queues behind the control endpoint or Modbus. No Asio in this header.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/dlms/meter_server.hpp"
#include "sim/fleet.hpp"

namespace jemhead::sim {

struct DlmsHdlcEndpoint {
  std::string device;  // the pty a client opens, e.g. /dev/pts/7
  std::string link;    // the symlink to it, or empty
  std::uint32_t baud = 9600;
  std::uint16_t max_info = 128;
  bool connected = false;  // a client's HDLC link is up
};

struct DlmsEndpointInfo {
  std::string tcp;  // "127.0.0.1:PORT" once started
  std::uint16_t physical_address = 100;
  bool connected = false;                // a client holds the one association (any port)
  std::optional<DlmsHdlcEndpoint> hdlc;  // when the meter has `hdlc:`
  std::string hdlc_tcp;                  // "127.0.0.1:PORT" when the meter has `hdlc_tcp:`
};

class DlmsService {
 public:
  DlmsService(Fleet& fleet, std::size_t threads = 1);
  ~DlmsService();
  DlmsService(const DlmsService&) = delete;
  DlmsService& operator=(const DlmsService&) = delete;

  // Binds every listener (throws std::system_error), then serves.
  void start();
  void stop();

  bool empty() const;
  Fleet& fleet() const;
  dlms_server::DlmsMeterServer* server(std::string_view serial) const;
  std::vector<dlms_server::DlmsMeterServer*> servers() const;
  std::optional<DlmsEndpointInfo> endpoint(std::string_view serial) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::sim
