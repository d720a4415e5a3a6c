#include "drivers/protocol/dlms/apdu/initiate.hpp"

#include <array>
#include <string_view>

#include "drivers/protocol/dlms/apdu/axdr_length.hpp"
#include "drivers/protocol/dlms/apdu/byte_reader.hpp"

namespace jemhead::dlms::apdu {

namespace {

using detail::ByteReader;

constexpr std::uint8_t kInitiateRequestTag = 0x01;
constexpr std::uint8_t kInitiateResponseTag = 0x08;
constexpr std::uint8_t kConfirmedServiceErrorTag = 0x0E;
// The conformance block is [APPLICATION 31] IMPLICIT BIT STRING (SIZE(24)), BER-encoded
// inside the A-XDR PDU: tag 5F 1F, length 4, 0 unused bits, three bytes.
constexpr std::array<std::uint8_t, 4> kConformanceHeader = {0x5F, 0x1F, 0x04, 0x00};

void put_conformance(Bytes& out, std::uint32_t block) {
  out.insert(out.end(), kConformanceHeader.begin(), kConformanceHeader.end());
  out.push_back(static_cast<std::uint8_t>(block >> 16));
  out.push_back(static_cast<std::uint8_t>(block >> 8));
  out.push_back(static_cast<std::uint8_t>(block));
}

bool read_conformance(ByteReader& r, std::uint32_t& block) {
  for (const std::uint8_t expected : kConformanceHeader) {
    const std::size_t at = r.offset();
    std::uint8_t b = 0;
    if (!r.u8(b, "conformance header")) return false;
    if (b != expected)
      return r.fail_at(ApduError::unexpected_tag, at, "conformance block header byte");
  }
  block = 0;
  for (int i = 0; i < 3; ++i) {
    std::uint8_t b = 0;
    if (!r.u8(b, "conformance block")) return false;
    block = (block << 8) | b;
  }
  return true;
}

// OPTIONAL fields are preceded by 00 (absent) or 01 (present); DEFAULT fields by 00 (the
// default) or 01 (the value follows).
bool read_presence(ByteReader& r, bool& present, std::string_view what) {
  const std::size_t at = r.offset();
  std::uint8_t flag = 0;
  if (!r.u8(flag, what)) return false;
  if (flag > 1)
    return r.fail_at(ApduError::bad_value, at, std::string(what) + " presence flag must be 0 or 1");
  present = flag == 1;
  return true;
}

bool read_optional_i8(ByteReader& r, std::optional<std::int8_t>& out, std::string_view what) {
  bool present = false;
  if (!read_presence(r, present, what)) return false;
  if (!present) return true;
  std::uint8_t v = 0;
  if (!r.u8(v, what)) return false;
  out = static_cast<std::int8_t>(v);
  return true;
}

bool decode_request_body(ByteReader& r, InitiateRequest& q) {
  bool present = false;
  if (!read_presence(r, present, "dedicated-key")) return false;
  if (present) {
    std::size_t length = 0;
    ByteView key;
    if (!detail::read_axdr_length(r, length, "dedicated-key length") ||
        !r.take(length, key, "dedicated-key"))
      return false;
    q.dedicated_key = Bytes(key.begin(), key.end());
  }
  if (!read_presence(r, present, "response-allowed")) return false;
  if (present) {
    std::uint8_t v = 0;
    if (!r.u8(v, "response-allowed")) return false;
    q.response_allowed = v != 0;
  }
  return read_optional_i8(r, q.proposed_quality_of_service, "proposed-quality-of-service") &&
         r.u8(q.proposed_dlms_version, "proposed-dlms-version-number") &&
         read_conformance(r, q.proposed_conformance) &&
         r.u16(q.client_max_receive_pdu_size, "client-max-receive-pdu-size");
}

bool decode_response_body(ByteReader& r, InitiateResponse& a) {
  return read_optional_i8(r, a.negotiated_quality_of_service, "negotiated-quality-of-service") &&
         r.u8(a.negotiated_dlms_version, "negotiated-dlms-version-number") &&
         read_conformance(r, a.negotiated_conformance) &&
         r.u16(a.server_max_receive_pdu_size, "server-max-receive-pdu-size") &&
         r.u16(a.vaa_name, "vaa-name");
}

constexpr std::array<std::string_view, 20> kServiceNames = {"service-0",
                                                            "initiateError",
                                                            "getStatus",
                                                            "getNameList",
                                                            "getVariableAttribute",
                                                            "read",
                                                            "write",
                                                            "getDataSetAttribute",
                                                            "getTIAttribute",
                                                            "changeScope",
                                                            "start",
                                                            "stop",
                                                            "resume",
                                                            "makeUsable",
                                                            "initiateLoad",
                                                            "loadSegment",
                                                            "terminateLoad",
                                                            "initiateUpLoad",
                                                            "upLoadSegment",
                                                            "terminateUpLoad"};
constexpr std::array<std::string_view, 11> kErrorClassNames = {"application-reference",
                                                               "hardware-resource",
                                                               "vde-state-error",
                                                               "service",
                                                               "definition",
                                                               "access",
                                                               "initiate",
                                                               "load-data-set",
                                                               "change-scope",
                                                               "task",
                                                               "other"};
constexpr std::array<std::string_view, 5> kInitiateErrorNames = {
    "other", "dlms-version-too-low", "incompatible-conformance", "pdu-size-too-short",
    "refused-by-the-VDE-Handler"};

}  // namespace

std::string describe(const ConfirmedServiceError& error) {
  std::string text = error.service < kServiceNames.size()
                         ? std::string(kServiceNames[error.service])
                         : "service-" + std::to_string(error.service);
  text += ": ";
  text += error.error_class < kErrorClassNames.size()
              ? std::string(kErrorClassNames[error.error_class])
              : "class-" + std::to_string(error.error_class);
  text += ": ";
  if (error.error_class == 6 && error.value < kInitiateErrorNames.size())
    text += kInitiateErrorNames[error.value];
  else
    text += std::to_string(error.value);
  return text;
}

Bytes encode_initiate_request(const InitiateRequest& q) {
  Bytes out{kInitiateRequestTag};
  if (q.dedicated_key) {
    out.push_back(0x01);
    detail::put_axdr_length(out, q.dedicated_key->size());
    out.insert(out.end(), q.dedicated_key->begin(), q.dedicated_key->end());
  } else {
    out.push_back(0x00);
  }
  // response-allowed DEFAULT TRUE: only a FALSE is spelled out.
  if (q.response_allowed) {
    out.push_back(0x00);
  } else {
    out.push_back(0x01);
    out.push_back(0x00);
  }
  if (q.proposed_quality_of_service) {
    out.push_back(0x01);
    out.push_back(static_cast<std::uint8_t>(*q.proposed_quality_of_service));
  } else {
    out.push_back(0x00);
  }
  out.push_back(q.proposed_dlms_version);
  put_conformance(out, q.proposed_conformance);
  detail::put_u16(out, q.client_max_receive_pdu_size);
  return out;
}

Bytes encode_initiate_response(const InitiateResponse& a) {
  Bytes out{kInitiateResponseTag};
  if (a.negotiated_quality_of_service) {
    out.push_back(0x01);
    out.push_back(static_cast<std::uint8_t>(*a.negotiated_quality_of_service));
  } else {
    out.push_back(0x00);
  }
  out.push_back(a.negotiated_dlms_version);
  put_conformance(out, a.negotiated_conformance);
  detail::put_u16(out, a.server_max_receive_pdu_size);
  detail::put_u16(out, a.vaa_name);
  return out;
}

Bytes encode_confirmed_service_error(const ConfirmedServiceError& e) {
  return {kConfirmedServiceErrorTag, e.service, e.error_class, e.value};
}

Decoded<InitiateApdu> decode_initiate_apdu(ByteView bytes, std::size_t base) {
  ByteReader r(bytes, base);
  std::uint8_t tag = 0;
  if (!r.u8(tag, "xDLMS APDU tag")) return r.take_error();
  InitiateApdu result;
  bool ok = false;
  switch (tag) {
    case kInitiateRequestTag: {
      InitiateRequest q;
      ok = decode_request_body(r, q);
      result = q;
      break;
    }
    case kInitiateResponseTag: {
      InitiateResponse a;
      ok = decode_response_body(r, a);
      result = a;
      break;
    }
    case kConfirmedServiceErrorTag: {
      ConfirmedServiceError e;
      ok = r.u8(e.service, "confirmed-service-error service") &&
           r.u8(e.error_class, "service-error class") && r.u8(e.value, "service-error value");
      result = e;
      break;
    }
    default:
      return DecodeError{
          ApduError::unexpected_tag, base,
          "user-information holds xDLMS tag " + std::to_string(tag) + ", not an initiate PDU"};
  }
  if (!ok || !r.expect_end("the initiate PDU")) return r.take_error();
  return result;
}

}  // namespace jemhead::dlms::apdu
