#pragma once
// The ways a meter refuses a DLMS client, as driver errors with their own kinds, so a job
// result says "wrong password" rather than "bad response". Protocol breakage (undecodable
// APDUs, wrong invoke ids) stays drivers::BadResponse; link failures stay Timeout and
// ConnectionFailed.
#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/driver_errors.hpp"
#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/apdu/data_access_result.hpp"

namespace jemhead::dlms::session {

// The meter answered the AARQ with an AARE that rejects the association.
struct AssociationRefused : drivers::DriverError {
  AssociationRefused(apdu::AssociationResult result_, apdu::AssociationDiagnostic diagnostic_,
                     const std::string& message)
      : DriverError(message), result(result_), diagnostic(diagnostic_) {}
  std::string_view kind() const override { return "association_refused"; }
  apdu::AssociationResult result;
  apdu::AssociationDiagnostic diagnostic;
};

// A refusal whose diagnostic is acse-service-user authentication-failure: the LLS password
// is wrong. A subclass, so code that only cares "no association" catches both.
struct AuthenticationFailed : AssociationRefused {
  using AssociationRefused::AssociationRefused;
  std::string_view kind() const override { return "authentication_failed"; }
};

// The meter answered a GET or SET of one attribute with a data-access-result other than
// success (object-undefined, object-unavailable, ...). Not apdu::DataAccessError: that one
// is a plain runtime_error, and the driver layer reports DriverErrors with their kind.
struct DataAccessFailed : drivers::DriverError {
  DataAccessFailed(std::uint8_t code_, const std::string& message)
      : DriverError(message), code(code_) {}
  std::string_view kind() const override { return "data_access"; }
  apdu::DataAccessResult result() const { return static_cast<apdu::DataAccessResult>(code); }
  std::uint8_t code;  // as received, known or not
};

// read-write-denied: this client (association) may not read or write the attribute, e.g.
// the read-only client setting the clock. Its own kind because it calls for a different
// client, not a retry.
struct AccessDenied : DataAccessFailed {
  using DataAccessFailed::DataAccessFailed;
  std::string_view kind() const override { return "access_denied"; }
};

}  // namespace jemhead::dlms::session
