#pragma once
// Why a session operation failed, as a small typed hierarchy, so job results and the API
// can say *what kind* of failure it was (a timeout is retried and alarms differently from a
// meter that answers "illegal data address"). `kind()` is the stable text used in job
// results and API bodies.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace jemhead::drivers {

struct DriverError : std::runtime_error {
  using std::runtime_error::runtime_error;
  virtual std::string_view kind() const = 0;
};

// The driver or protocol cannot do this operation at all.
struct Unsupported : DriverError {
  using DriverError::DriverError;
  std::string_view kind() const override { return "unsupported"; }
};

// The meter did not answer in time (after the profile's retries).
struct Timeout : DriverError {
  using DriverError::DriverError;
  std::string_view kind() const override { return "timeout"; }
};

// The connection could not be opened, or broke during the exchange.
struct ConnectionFailed : DriverError {
  using DriverError::DriverError;
  std::string_view kind() const override { return "connection_failed"; }
};

// The meter answered with something that is not a valid answer to the request.
struct BadResponse : DriverError {
  using DriverError::DriverError;
  std::string_view kind() const override { return "bad_response"; }
};

// The meter refused the request with a protocol exception. For Modbus, `code` is the
// exception code (01 illegal function, 02 illegal data address, 03 illegal data value,
// 04 slave device failure) and `function` the request's function code.
struct ProtocolException : DriverError {
  ProtocolException(std::uint8_t function_code, std::uint8_t exception_code,
                    const std::string& message)
      : DriverError(message), function(function_code), code(exception_code) {}
  std::string_view kind() const override { return "protocol_exception"; }
  std::uint8_t function = 0;
  std::uint8_t code = 0;
};

// The head-end will not send this request: the meter's configuration forbids it (e.g. the
// point map says register presets are disabled) or the request names unknown points.
struct Refused : DriverError {
  using DriverError::DriverError;
  std::string_view kind() const override { return "refused"; }
};

// The meter does not have what was asked for (a load profile it is not configured for, a
// log it does not keep): the link and the protocol are fine, and asking again will not
// help until the meter is reconfigured.
struct NotPresent : DriverError {
  using DriverError::DriverError;
  std::string_view kind() const override { return "not_present"; }
};

// The meter refused the credentials or their rights (e.g. a PQDIF retrieval account without
// 'Read Power Quality'): asking again with the same profile will not help.
struct AccessDenied : DriverError {
  using DriverError::DriverError;
  std::string_view kind() const override { return "access_denied"; }
};

// The connection profile or the meter's point map is unusable.
struct ConfigurationError : DriverError {
  using DriverError::DriverError;
  std::string_view kind() const override { return "configuration"; }
};

}  // namespace jemhead::drivers
