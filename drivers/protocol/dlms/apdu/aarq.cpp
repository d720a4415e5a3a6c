// AARQ: the client's association request.
#include <string>

#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/apdu/acse_ber.hpp"

namespace jemhead::dlms::apdu {

using namespace detail;

namespace {
constexpr std::uint8_t kAarqTag = 0x60;
// sender-acse-requirements [10] IMPLICIT BIT STRING {authentication(0)}: one bit, set.
constexpr std::uint8_t kAuthenticationRequirement[] = {0x07, 0x80};
}  // namespace

Bytes encode_aarq(const Aarq& aarq) {
  Bytes content;
  put_context_name(content, static_cast<std::uint8_t>(aarq.context));
  if (aarq.password) {
    put_tlv(content, 0x8A, kAuthenticationRequirement);
    put_tlv(content, 0x8B,
            dlms_oid(kMechanismArc, static_cast<std::uint8_t>(AuthenticationMechanism::low)));
    // calling-authentication-value [12] EXPLICIT CHOICE { charstring [0] IMPLICIT GraphicString }
    const ByteView secret(reinterpret_cast<const std::uint8_t*>(aarq.password->data()),
                          aarq.password->size());
    Bytes value;
    put_tlv(value, 0x80, secret);
    put_tlv(content, 0xAC, value);
  }
  put_user_information(content, encode_initiate_request(aarq.initiate));
  Bytes out;
  put_tlv(out, kAarqTag, content);
  return out;
}

Decoded<Aarq> decode_aarq(ByteView apdu) {
  ByteReader r(apdu);
  Tlv envelope;
  if (!open_envelope(r, kAarqTag, envelope, "AARQ")) return r.take_error();
  ByteReader fields(envelope.value, envelope.value_offset);
  Aarq aarq;
  bool have_context = false, have_user_information = false;
  while (!fields.at_end()) {
    Tlv field;
    if (!read_tlv(fields, field, "AARQ field")) return fields.take_error();
    switch (field.tag) {
      case 0xA1: {
        std::uint8_t variant = 0;
        if (!read_context_name(field, variant, fields)) return fields.take_error();
        aarq.context = static_cast<ApplicationContext>(variant);
        have_context = true;
        break;
      }
      case 0x8B: {
        std::uint8_t variant = 0;
        if (!read_dlms_oid(field, kMechanismArc, variant, fields, "mechanism-name"))
          return fields.take_error();
        aarq.mechanism = variant;
        break;
      }
      case 0xAC: {
        ByteReader auth(field.value, field.value_offset);
        Tlv secret;
        if (!read_only_tlv(auth, 0x80, secret, "calling-authentication-value"))
          return auth.take_error();
        aarq.password = std::string(secret.value.begin(), secret.value.end());
        break;
      }
      case 0xBE: {
        InitiateApdu inner;
        if (!read_user_information(field, inner, fields)) return fields.take_error();
        const auto* request = std::get_if<InitiateRequest>(&inner);
        if (!request)
          return DecodeError{ApduError::unexpected_tag, field.value_offset,
                             "AARQ user-information is not an InitiateRequest"};
        aarq.initiate = *request;
        have_user_information = true;
        break;
      }
      default:  // protocol-version, AP titles, acse-requirements, implementation-information
        break;
    }
  }
  if (!have_context)
    return DecodeError{ApduError::truncated, apdu.size(), "AARQ without application-context-name"};
  if (!have_user_information)
    return DecodeError{ApduError::truncated, apdu.size(), "AARQ without user-information"};
  return aarq;
}

}  // namespace jemhead::dlms::apdu
