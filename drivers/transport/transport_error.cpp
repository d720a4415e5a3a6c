#include "drivers/transport/transport_error.hpp"

namespace jemhead::transport {
namespace {

class TransportCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "jemhead.transport"; }
  std::string message(int value) const override {
    switch (static_cast<TransportErrc>(value)) {
      case TransportErrc::resolve_failed: return "host name did not resolve";
      case TransportErrc::connection_refused: return "connection refused";
      case TransportErrc::connect_timeout: return "connect timed out";
      case TransportErrc::network_unreachable: return "network unreachable";
      case TransportErrc::connection_reset: return "connection reset by peer";
      case TransportErrc::connection_closed: return "connection closed by peer";
      case TransportErrc::write_timeout: return "write timed out";
      case TransportErrc::tls_handshake_failed: return "TLS handshake failed";
      case TransportErrc::device_open_failed: return "serial device could not be opened";
      case TransportErrc::invalid_options: return "invalid transport options";
      case TransportErrc::not_open: return "link is not open";
      case TransportErrc::io_error: return "I/O error";
      case TransportErrc::response_timeout: return "no response before the timeout";
      case TransportErrc::queue_full: return "request queue for this address is full";
      case TransportErrc::bus_closed: return "bus closed";
      case TransportErrc::cancelled: return "cancelled";
      case TransportErrc::modem_no_response: return "the modem did not answer the command";
      case TransportErrc::modem_error: return "the modem answered ERROR";
      case TransportErrc::line_busy: return "the line is busy (BUSY)";
      case TransportErrc::no_carrier: return "no carrier (NO CARRIER)";
      case TransportErrc::no_dialtone: return "no dial tone (NO DIALTONE)";
      case TransportErrc::no_answer: return "no answer (NO ANSWER)";
      case TransportErrc::dial_timeout: return "no result code to the dial command in time";
    }
    return "unknown transport error";
  }
};

}  // namespace

const std::error_category& transport_category() noexcept {
  static const TransportCategory category;
  return category;
}

std::error_code make_error_code(TransportErrc e) noexcept {
  return {static_cast<int>(e), transport_category()};
}

TransportError::TransportError(TransportErrc code, const std::string& link,
                               const std::string& detail)
    : std::system_error(make_error_code(code)),
      message_(link + ": " + make_error_code(code).message() +
               (detail.empty() ? std::string{} : ": " + detail)) {}

}  // namespace jemhead::transport
