#pragma once
// BER pieces the ACSE codecs share: single-byte-tag TLVs, the DLMS object identifiers and
// the user-information wrapper. Internal to the apdu library.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "drivers/protocol/dlms/apdu/axdr_length.hpp"
#include "drivers/protocol/dlms/apdu/byte_reader.hpp"
#include "drivers/protocol/dlms/apdu/initiate.hpp"

namespace jemhead::dlms::apdu::detail {

// {joint-iso-ccitt(2) country(16) country-name(756) identified-organization(5) DLMS-UA(8)}
// then 1 = application context, 2 = mechanism name, then the variant. 2.16 -> 0x60,
// 756 -> 0x85 0x74.
inline constexpr std::array<std::uint8_t, 5> kDlmsOidPrefix = {0x60, 0x85, 0x74, 0x05, 0x08};
inline constexpr std::uint8_t kContextArc = 1;
inline constexpr std::uint8_t kMechanismArc = 2;

struct Tlv {
  std::uint8_t tag = 0;
  ByteView value;
  std::size_t value_offset = 0;  // absolute offset of value[0]
};

inline bool read_tlv(ByteReader& r, Tlv& out, std::string_view what) {
  const std::size_t at = r.offset();
  if (!r.u8(out.tag, what)) return false;
  if ((out.tag & 0x1F) == 0x1F)
    return r.fail_at(ApduError::unexpected_tag, at,
                     std::string(what) + ": multi-byte BER tags are not used by DLMS");
  std::size_t length = 0;
  if (!read_ber_length(r, length, what)) return false;
  out.value_offset = r.offset();
  return r.take(length, out.value, what);
}

// Reads a TLV that must carry `tag` and fill the whole of `r`.
inline bool read_only_tlv(ByteReader& r, std::uint8_t tag, Tlv& out, std::string_view what) {
  const std::size_t at = r.offset();
  if (!read_tlv(r, out, what)) return false;
  if (out.tag != tag)
    return r.fail_at(ApduError::unexpected_tag, at,
                     std::string(what) + ": tag " + std::to_string(out.tag) + ", expected " +
                         std::to_string(tag));
  return r.expect_end(what);
}

inline void put_tlv(Bytes& out, std::uint8_t tag, ByteView value) {
  out.push_back(tag);
  put_ber_length(out, value.size());
  out.insert(out.end(), value.begin(), value.end());
}

inline Bytes dlms_oid(std::uint8_t kind, std::uint8_t variant) {
  Bytes oid(kDlmsOidPrefix.begin(), kDlmsOidPrefix.end());
  oid.push_back(kind);
  oid.push_back(variant);
  return oid;
}

// The last arc of a DLMS OID of the given kind (context or mechanism).
inline bool read_dlms_oid(const Tlv& oid, std::uint8_t kind, std::uint8_t& variant,
                          ByteReader& parent, std::string_view what) {
  if (oid.value.size() != kDlmsOidPrefix.size() + 2 ||
      !std::equal(kDlmsOidPrefix.begin(), kDlmsOidPrefix.end(), oid.value.begin()) ||
      oid.value[kDlmsOidPrefix.size()] != kind)
    return parent.fail_at(ApduError::bad_value, oid.value_offset,
                          std::string(what) + " is not a DLMS-UA object identifier");
  variant = oid.value.back();
  return true;
}

// application-context-name [1] ::= OBJECT IDENTIFIER (explicitly tagged)
inline void put_context_name(Bytes& out, std::uint8_t variant) {
  Bytes inner;
  put_tlv(inner, 0x06, dlms_oid(kContextArc, variant));
  put_tlv(out, 0xA1, inner);
}
inline bool read_context_name(const Tlv& field, std::uint8_t& variant, ByteReader& parent) {
  ByteReader r(field.value, field.value_offset);
  Tlv oid;
  if (!read_only_tlv(r, 0x06, oid, "application-context-name")) return parent.adopt(r);
  return read_dlms_oid(oid, kContextArc, variant, parent, "application-context-name");
}

// user-information [30] ::= OCTET STRING holding one xDLMS APDU
inline void put_user_information(Bytes& out, ByteView xdlms) {
  Bytes inner;
  put_tlv(inner, 0x04, xdlms);
  put_tlv(out, 0xBE, inner);
}
inline bool read_user_information(const Tlv& field, InitiateApdu& apdu, ByteReader& parent) {
  ByteReader r(field.value, field.value_offset);
  Tlv octets;
  if (!read_only_tlv(r, 0x04, octets, "user-information")) return parent.adopt(r);
  auto decoded = decode_initiate_apdu(octets.value, octets.value_offset);
  if (auto* error = std::get_if<DecodeError>(&decoded)) {
    parent.fail_at(error->code, error->offset, error->detail);
    return false;
  }
  apdu = std::get<InitiateApdu>(decoded);
  return true;
}

// A one-byte INTEGER inside an explicit tag: [n] { 02 01 v }.
inline bool read_small_integer(const Tlv& field, std::uint8_t& value, ByteReader& parent,
                               std::string_view what) {
  ByteReader r(field.value, field.value_offset);
  Tlv integer;
  if (!read_only_tlv(r, 0x02, integer, what)) return parent.adopt(r);
  if (integer.value.size() != 1)
    return parent.fail_at(ApduError::bad_value, integer.value_offset,
                          std::string(what) + " must be a one-byte INTEGER");
  value = integer.value[0];
  return true;
}

// The outer [APPLICATION n] envelope; `fields` then iterates its content.
inline bool open_envelope(ByteReader& r, std::uint8_t tag, Tlv& envelope, std::string_view what) {
  if (r.at_end()) return r.fail(ApduError::empty, std::string(what) + ": no bytes");
  return read_only_tlv(r, tag, envelope, what);
}

}  // namespace jemhead::dlms::apdu::detail
