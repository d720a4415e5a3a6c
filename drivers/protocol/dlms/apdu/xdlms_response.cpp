// GET-Response, SET-Response, exception-response and confirmed-service-error: decoded by
// the client, encoded by the simulator's server.
#include <array>
#include <string>

#include "drivers/protocol/dlms/apdu/xdlms.hpp"
#include "drivers/protocol/dlms/apdu/xdlms_fields.hpp"

namespace jemhead::dlms::apdu {

using namespace detail;

namespace {
constexpr std::uint8_t kNormal = 1, kWithDatablock = 2, kWithList = 3;
constexpr std::uint8_t kResultData = 0, kResultAccess = 1;
constexpr std::uint8_t kInvocationCounterError = 6;

constexpr std::array<std::string_view, 3> kStateErrors = {"state-error-0", "service-not-allowed",
                                                          "service-unknown"};
constexpr std::array<std::string_view, 7> kServiceErrors = {
    "service-error-0", "operation-not-possible", "service-not-supported",   "other-reason",
    "pdu-too-long",    "deciphering-error",      "invocation-counter-error"};

void put_result(Bytes& out, const std::variant<Bytes, DataAccessResult>& result, bool raw_data) {
  if (const auto* bytes = std::get_if<Bytes>(&result)) {
    out.push_back(kResultData);
    if (raw_data) {
      put_axdr_length(out, bytes->size());
    } else {
      require_single_data(*bytes, "GET-Response data");
    }
    out.insert(out.end(), bytes->begin(), bytes->end());
  } else {
    out.push_back(kResultAccess);
    out.push_back(static_cast<std::uint8_t>(std::get<DataAccessResult>(result)));
  }
}

// Normal response: data is one Data element; datablock: raw-data is an OCTET STRING.
bool read_result(ByteReader& r, std::variant<Bytes, DataAccessResult>& result, bool raw_data) {
  const std::size_t at = r.offset();
  std::uint8_t choice = 0;
  if (!r.u8(choice, "result choice")) return false;
  if (choice == kResultAccess) {
    std::uint8_t code = 0;
    if (!r.u8(code, "data-access-result")) return false;
    result = static_cast<DataAccessResult>(code);
    return true;
  }
  if (choice != kResultData)
    return r.fail_at(ApduError::bad_value, at, "result choice " + std::to_string(choice));
  Bytes bytes;
  if (raw_data) {
    std::size_t length = 0;
    ByteView raw;
    if (!read_axdr_length(r, length, "raw-data length") || !r.take(length, raw, "raw-data"))
      return false;
    bytes.assign(raw.begin(), raw.end());
  } else if (!read_data(r, bytes)) {
    return false;
  }
  result = std::move(bytes);
  return true;
}

Bytes encode_one(const GetResponseNormal& a) {
  Bytes out{kGetResponseTag, kNormal};
  put_invoke(out, a.invoke);
  put_result(out, a.result, false);
  return out;
}
Bytes encode_one(const GetResponseWithDatablock& a) {
  Bytes out{kGetResponseTag, kWithDatablock};
  put_invoke(out, a.invoke);
  out.push_back(a.last_block ? 0x01 : 0x00);
  put_u32(out, a.block_number);
  put_result(out, a.result, true);
  return out;
}
Bytes encode_one(const SetResponseNormal& a) {
  Bytes out{kSetResponseTag, kNormal};
  put_invoke(out, a.invoke);
  out.push_back(static_cast<std::uint8_t>(a.result));
  return out;
}
Bytes encode_one(const ExceptionResponse& a) {
  Bytes out{kExceptionResponseTag, a.state_error, a.service_error};
  if (a.service_error == kInvocationCounterError && a.invocation_counter)
    put_u32(out, *a.invocation_counter);
  return out;
}
Bytes encode_one(const ConfirmedServiceError& a) {
  return encode_confirmed_service_error(a);
}

bool decode_get_response(ByteReader& r, std::size_t choice_at, XdlmsResponse& result) {
  std::uint8_t choice = 0;
  if (!r.u8(choice, "GET-Response choice")) return false;
  if (choice == kNormal) {
    GetResponseNormal a;
    if (!read_invoke(r, a.invoke) || !read_result(r, a.result, false)) return false;
    result = std::move(a);
    return true;
  }
  if (choice == kWithDatablock) {
    GetResponseWithDatablock a;
    std::uint8_t last = 0;
    if (!read_invoke(r, a.invoke) || !r.u8(last, "last-block") ||
        !r.u32(a.block_number, "block-number") || !read_result(r, a.result, true))
      return false;
    a.last_block = last != 0;  // A-XDR BOOLEAN: any non-zero octet is TRUE
    result = std::move(a);
    return true;
  }
  return r.fail_at(choice == kWithList ? ApduError::unsupported_choice : ApduError::unexpected_tag,
                   choice_at, "GET-Response choice " + std::to_string(choice));
}

bool decode_set_response(ByteReader& r, std::size_t choice_at, XdlmsResponse& result) {
  std::uint8_t choice = 0;
  if (!r.u8(choice, "SET-Response choice")) return false;
  if (choice != kNormal)
    return r.fail_at(choice <= 5 ? ApduError::unsupported_choice : ApduError::unexpected_tag,
                     choice_at, "SET-Response choice " + std::to_string(choice));
  SetResponseNormal a;
  std::uint8_t code = 0;
  if (!read_invoke(r, a.invoke) || !r.u8(code, "data-access-result")) return false;
  a.result = static_cast<DataAccessResult>(code);
  result = a;
  return true;
}

bool decode_exception(ByteReader& r, XdlmsResponse& result) {
  ExceptionResponse a;
  if (!r.u8(a.state_error, "state-error") || !r.u8(a.service_error, "service-error")) return false;
  if (a.service_error == kInvocationCounterError && !r.at_end()) {
    std::uint32_t counter = 0;
    if (!r.u32(counter, "invocation-counter")) return false;
    a.invocation_counter = counter;
  }
  result = a;
  return true;
}

}  // namespace

std::string describe(const ExceptionResponse& e) {
  std::string text = e.state_error < kStateErrors.size()
                         ? std::string(kStateErrors[e.state_error])
                         : "state-error-" + std::to_string(e.state_error);
  text += ": ";
  text += e.service_error < kServiceErrors.size()
              ? std::string(kServiceErrors[e.service_error])
              : "service-error-" + std::to_string(e.service_error);
  return text;
}

Bytes encode_response(const XdlmsResponse& response) {
  return std::visit([](const auto& a) { return encode_one(a); }, response);
}

Decoded<XdlmsResponse> decode_response(ByteView apdu) {
  if (apdu.empty()) return DecodeError{ApduError::empty, 0, "no bytes"};
  ByteReader r(apdu);
  std::uint8_t tag = 0;
  (void)r.u8(tag, "APDU tag");
  const std::size_t choice_at = r.offset();
  XdlmsResponse result;
  bool ok = false;
  switch (tag) {
    case kGetResponseTag: ok = decode_get_response(r, choice_at, result); break;
    case kSetResponseTag: ok = decode_set_response(r, choice_at, result); break;
    case kExceptionResponseTag: ok = decode_exception(r, result); break;
    case kConfirmedServiceErrorTag: {
      auto decoded = decode_initiate_apdu(apdu);
      if (auto* error = std::get_if<DecodeError>(&decoded)) return *error;
      result = std::get<ConfirmedServiceError>(std::get<InitiateApdu>(decoded));
      return result;
    }
    case 0xC7:  // ACTION-Response: the meter has no methods
      return DecodeError{ApduError::unsupported_choice, 0, "ACTION-Response"};
    default:
      return DecodeError{ApduError::unexpected_tag, 0, "xDLMS response tag " + std::to_string(tag)};
  }
  if (!ok || !r.expect_end("the response")) return r.take_error();
  return result;
}

}  // namespace jemhead::dlms::apdu
