// GET-Request and SET-Request: encoded by the client, decoded by the simulator's server.
#include <string>

#include "drivers/protocol/dlms/apdu/xdlms.hpp"
#include "drivers/protocol/dlms/apdu/xdlms_fields.hpp"

namespace jemhead::dlms::apdu {

using namespace detail;

namespace {
constexpr std::uint8_t kNormal = 1, kNext = 2, kWithList = 3;

Bytes encode_one(const GetRequestNormal& q) {
  Bytes out{kGetRequestTag, kNormal};
  put_invoke(out, q.invoke);
  put_descriptor(out, q.attribute);
  put_access(out, q.access);
  return out;
}
Bytes encode_one(const GetRequestNext& q) {
  Bytes out{kGetRequestTag, kNext};
  put_invoke(out, q.invoke);
  put_u32(out, q.block_number);
  return out;
}
Bytes encode_one(const SetRequestNormal& q) {
  require_single_data(q.value, "SET value");
  Bytes out{kSetRequestTag, kNormal};
  put_invoke(out, q.invoke);
  put_descriptor(out, q.attribute);
  put_access(out, q.access);
  out.insert(out.end(), q.value.begin(), q.value.end());
  return out;
}

}  // namespace

Bytes encode_request(const XdlmsRequest& request) {
  return std::visit([](const auto& q) { return encode_one(q); }, request);
}

Decoded<XdlmsRequest> decode_request(ByteView apdu) {
  ByteReader r(apdu);
  if (apdu.empty()) return DecodeError{ApduError::empty, 0, "no bytes"};
  std::uint8_t tag = 0, choice = 0;
  (void)r.u8(tag, "APDU tag");
  const std::size_t choice_at = r.offset();
  if (tag != kGetRequestTag && tag != kSetRequestTag)
    return DecodeError{
        tag == 0xC3 || tag == 0xC2 ? ApduError::unsupported_choice : ApduError::unexpected_tag, 0,
        "xDLMS request tag " + std::to_string(tag)};
  if (!r.u8(choice, "request choice")) return r.take_error();
  XdlmsRequest result;
  bool ok = false;
  if (tag == kGetRequestTag && choice == kNormal) {
    GetRequestNormal q;
    ok = read_invoke(r, q.invoke) && read_descriptor(r, q.attribute) && read_access(r, q.access);
    result = std::move(q);
  } else if (tag == kGetRequestTag && choice == kNext) {
    GetRequestNext q;
    ok = read_invoke(r, q.invoke) && r.u32(q.block_number, "block-number");
    result = q;
  } else if (tag == kSetRequestTag && choice == kNormal) {
    SetRequestNormal q;
    ok = read_invoke(r, q.invoke) && read_descriptor(r, q.attribute) && read_access(r, q.access) &&
         read_data(r, q.value);
    result = std::move(q);
  } else {
    // GET with-list (3), SET with datablocks (2, 3) and with-list (4, 5) exist in the
    // standard but the meter does not offer them.
    const bool known = (tag == kGetRequestTag && choice == kWithList) ||
                       (tag == kSetRequestTag && choice >= 2 && choice <= 5);
    return DecodeError{known ? ApduError::unsupported_choice : ApduError::unexpected_tag, choice_at,
                       std::string(tag == kGetRequestTag ? "GET" : "SET") + "-Request choice " +
                           std::to_string(choice)};
  }
  if (!ok || !r.expect_end("the request")) return r.take_error();
  return result;
}

}  // namespace jemhead::dlms::apdu
