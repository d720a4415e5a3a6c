// RLRQ/RLRE: the graceful release of an association.
#include <array>
#include <string>

#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/apdu/acse_ber.hpp"

namespace jemhead::dlms::apdu {

using namespace detail;

namespace {
constexpr std::uint8_t kRlrqTag = 0x62;
constexpr std::uint8_t kRlreTag = 0x63;
constexpr std::uint8_t kReasonTag = 0x80;  // reason [0] IMPLICIT INTEGER

Bytes encode_release(std::uint8_t tag, std::optional<std::uint8_t> reason,
                     const Bytes* user_information) {
  Bytes content;
  if (reason) put_tlv(content, kReasonTag, std::array<std::uint8_t, 1>{*reason});
  if (user_information) put_user_information(content, *user_information);
  Bytes out;
  put_tlv(out, tag, content);
  return out;
}

// Returns false with r's error set; fills reason and the user-information APDU if any.
bool decode_release(std::uint8_t tag, std::string_view what, ByteReader& r,
                    std::optional<std::uint8_t>& reason, std::optional<InitiateApdu>& inner) {
  Tlv envelope;
  if (!open_envelope(r, tag, envelope, what)) return false;
  ByteReader fields(envelope.value, envelope.value_offset);
  reason.reset();
  while (!fields.at_end()) {
    Tlv field;
    if (!read_tlv(fields, field, what)) return r.adopt(fields);
    if (field.tag == kReasonTag) {
      if (field.value.size() != 1)
        return r.fail_at(ApduError::bad_value, field.value_offset,
                         std::string(what) + " reason must be one byte");
      reason = field.value[0];
    } else if (field.tag == 0xBE) {
      InitiateApdu decoded;
      if (!read_user_information(field, decoded, fields)) return r.adopt(fields);
      inner = decoded;
    }
  }
  return true;
}
}  // namespace

Bytes encode_rlrq(const Rlrq& rlrq) {
  return encode_release(kRlrqTag, rlrq.reason, nullptr);
}

Bytes encode_rlre(const Rlre& rlre) {
  if (!rlre.initiate) return encode_release(kRlreTag, rlre.reason, nullptr);
  const Bytes inner = encode_initiate_response(*rlre.initiate);
  return encode_release(kRlreTag, rlre.reason, &inner);
}

Decoded<Rlrq> decode_rlrq(ByteView apdu) {
  ByteReader r(apdu);
  Rlrq rlrq;
  std::optional<InitiateApdu> inner;  // an InitiateRequest only matters with ciphering
  if (!decode_release(kRlrqTag, "RLRQ", r, rlrq.reason, inner)) return r.take_error();
  return rlrq;
}

Decoded<Rlre> decode_rlre(ByteView apdu) {
  ByteReader r(apdu);
  Rlre rlre;
  std::optional<InitiateApdu> inner;
  if (!decode_release(kRlreTag, "RLRE", r, rlre.reason, inner)) return r.take_error();
  if (inner) {
    if (const auto* response = std::get_if<InitiateResponse>(&*inner)) rlre.initiate = *response;
  }
  return rlre;
}

}  // namespace jemhead::dlms::apdu
