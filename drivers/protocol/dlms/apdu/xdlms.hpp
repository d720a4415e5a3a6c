#pragma once
// The xDLMS service PDUs the JEMStar II uses (LN referencing): GET normal and with
// datablocks, SET normal, and the two ways a server refuses a request outright
// (exception-response, confirmed-service-error). Requests are encoded by the client and
// decoded by the simulator; responses the other way round. With-list variants and ACTION
// are not offered by the meter and decode as ApduError::unsupported_choice.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "drivers/protocol/dlms/apdu/apdu_error.hpp"
#include "drivers/protocol/dlms/apdu/cosem_attribute.hpp"
#include "drivers/protocol/dlms/apdu/data_access_result.hpp"
#include "drivers/protocol/dlms/apdu/initiate.hpp"

namespace jemhead::dlms::apdu {

// APDU tags (first byte).
inline constexpr std::uint8_t kGetRequestTag = 0xC0;
inline constexpr std::uint8_t kSetRequestTag = 0xC1;
inline constexpr std::uint8_t kGetResponseTag = 0xC4;
inline constexpr std::uint8_t kSetResponseTag = 0xC5;
inline constexpr std::uint8_t kExceptionResponseTag = 0xD8;
inline constexpr std::uint8_t kConfirmedServiceErrorTag = 0x0E;

struct GetRequestNormal {
  InvokeIdAndPriority invoke;
  CosemAttributeDescriptor attribute;
  std::optional<AccessSelection> access;
  bool operator==(const GetRequestNormal&) const = default;
};
// Acknowledges `block_number` (the last block received) and asks for the next one.
struct GetRequestNext {
  InvokeIdAndPriority invoke;
  std::uint32_t block_number = 0;
  bool operator==(const GetRequestNext&) const = default;
};
struct SetRequestNormal {
  InvokeIdAndPriority invoke;
  CosemAttributeDescriptor attribute;
  std::optional<AccessSelection> access;
  Bytes value;  // one encoded Data element
  bool operator==(const SetRequestNormal&) const = default;
};
using XdlmsRequest = std::variant<GetRequestNormal, GetRequestNext, SetRequestNormal>;

// Get-Data-Result / DataBlock-G result: the payload, or the server's refusal.
struct GetResponseNormal {
  InvokeIdAndPriority invoke;
  std::variant<Bytes, DataAccessResult> result;  // Bytes = one encoded Data element
  bool operator==(const GetResponseNormal&) const = default;
};
struct GetResponseWithDatablock {
  InvokeIdAndPriority invoke;
  bool last_block = false;
  std::uint32_t block_number = 0;
  std::variant<Bytes, DataAccessResult> result;  // Bytes = raw-data: a slice of the
                                                 // encoded Data, reassembled by the client
  bool operator==(const GetResponseWithDatablock&) const = default;
};
struct SetResponseNormal {
  InvokeIdAndPriority invoke;
  DataAccessResult result = DataAccessResult::success;
  bool operator==(const SetResponseNormal&) const = default;
};

// ExceptionResponse ::= { state-error ENUMERATED {service-not-allowed (1),
// service-unknown (2)}, service-error CHOICE { operation-not-possible (1),
// service-not-supported (2), other-reason (3), pdu-too-long (4), deciphering-error (5),
// invocation-counter-error (6) + double-long-unsigned } }
struct ExceptionResponse {
  std::uint8_t state_error = 1;
  std::uint8_t service_error = 2;
  std::optional<std::uint32_t> invocation_counter;  // only with service-error 6
  bool operator==(const ExceptionResponse&) const = default;
};
std::string describe(
    const ExceptionResponse& exception);  // "service-unknown: service-not-supported"

using XdlmsResponse = std::variant<GetResponseNormal, GetResponseWithDatablock, SetResponseNormal,
                                   ExceptionResponse, ConfirmedServiceError>;

// Encoders throw std::invalid_argument when a Data field is not exactly one A-XDR Data
// element or an invoke id exceeds 15: our own bug, never something received.
Bytes encode_request(const XdlmsRequest& request);
Bytes encode_response(const XdlmsResponse& response);

Decoded<XdlmsRequest> decode_request(ByteView apdu);
Decoded<XdlmsResponse> decode_response(ByteView apdu);

}  // namespace jemhead::dlms::apdu
