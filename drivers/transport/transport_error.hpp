#pragma once
// Errors of the transport layer. Every failure carries a std::error_code in the
// "jemhead.transport" category, so callers can tell a refused connection from a timeout or
// a reset without parsing text, and a message that names the link (e.g. "tcp
// 127.0.0.1:502: connection refused") for logs and job results.
#include <string>
#include <system_error>

namespace jemhead::transport {

enum class TransportErrc {
  resolve_failed = 1,    // the host name did not resolve
  connection_refused,    // the peer answered the connect with a reset (nothing listens)
  connect_timeout,       // no answer to the connect (or the TLS handshake) in time
  network_unreachable,   // no route to the host
  connection_reset,      // the peer reset an established connection
  connection_closed,     // the peer closed the connection (end of stream)
  write_timeout,         // the peer did not take the bytes in time
  tls_handshake_failed,  // protocol or certificate failure during the TLS handshake
  device_open_failed,    // the serial device could not be opened or configured
  invalid_options,       // bad options (baud rate, empty host, ...), caught before any I/O
  not_open,              // I/O on a link that is not open
  io_error,              // any other operating-system error
  response_timeout,      // bus: no complete response within the request's timeout
  queue_full,            // bus: too many requests already queued for that address
  bus_closed,            // bus: closed before the request could run
  cancelled,             // the caller gave up (its coroutine was cancelled)
  // Modems (ModemLink): the result codes of the dial-up, each its own failure.
  modem_no_response,  // no OK to the init string (or ATH) in time: no modem, or it is dead
  modem_error,        // the modem answered ERROR (a bad init string or dial command)
  line_busy,          // BUSY
  no_carrier,         // NO CARRIER: the far modem did not answer with a carrier
  no_dialtone,        // NO DIALTONE: no telephone line
  no_answer,          // NO ANSWER
  dial_timeout,       // no result code to ATD within the dial timeout
};

const std::error_category& transport_category() noexcept;
std::error_code make_error_code(TransportErrc e) noexcept;

// Thrown by Link operations. what() is "<link description>: <reason>[: <detail>]".
class TransportError : public std::system_error {
 public:
  TransportError(TransportErrc code, const std::string& link, const std::string& detail = {});
  TransportErrc errc() const noexcept { return static_cast<TransportErrc>(code().value()); }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

}  // namespace jemhead::transport

template <>
struct std::is_error_code_enum<jemhead::transport::TransportErrc> : std::true_type {};
