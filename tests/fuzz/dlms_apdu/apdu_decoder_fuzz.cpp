// Every DLMS APDU decoder under hostile bytes. Invariants: no crash, errors point inside
// the input, and any xDLMS PDU that decodes re-encodes to bytes that decode to the same
// value. The input is also read as a chain of length-prefixed responses fed to the
// datablock reassembler, which must never hold more than its limit.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <variant>

#include "drivers/protocol/dlms/apdu/acse.hpp"
#include "drivers/protocol/dlms/apdu/block_reassembler.hpp"
#include "drivers/protocol/dlms/apdu/selective_access.hpp"
#include "drivers/protocol/dlms/apdu/xdlms.hpp"

using namespace jemhead::dlms::apdu;

namespace {

template <typename T>
void check_offset(const Decoded<T>& decoded, std::size_t size) {
  if (const auto* error = std::get_if<DecodeError>(&decoded))
    if (error->offset > size) std::abort();
}

template <typename T, typename Encode, typename Decode>
void check_round_trip(const Decoded<T>& decoded, Encode encode, Decode decode) {
  if (const auto* value = std::get_if<T>(&decoded)) {
    const Bytes again = encode(*value);
    const auto back = decode(again);
    const auto* same = std::get_if<T>(&back);
    if (!same || !(*same == *value)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView input(data, size);
  check_offset(decode_aarq(input), size);
  check_offset(decode_aare(input), size);
  check_offset(decode_rlrq(input), size);
  check_offset(decode_rlre(input), size);
  check_offset(decode_initiate_apdu(input), size);
  check_offset(decode_range_descriptor(input), size);
  check_offset(decode_entry_descriptor(input), size);

  const auto request = decode_request(input);
  check_offset(request, size);
  check_round_trip(
      request, [](const XdlmsRequest& q) { return encode_request(q); },
      [](ByteView b) { return decode_request(b); });
  const auto response = decode_response(input);
  check_offset(response, size);
  check_round_trip(
      response, [](const XdlmsResponse& a) { return encode_response(a); },
      [](ByteView b) { return decode_response(b); });
  check_round_trip(
      decode_aare(input), [](const Aare& a) { return encode_aare(a); },
      [](ByteView b) { return decode_aare(b); });

  constexpr std::size_t kLimit = 4096;
  DatablockReassembler reassembler(kLimit);
  ByteView rest = input;
  while (!rest.empty()) {
    const std::size_t length = std::min<std::size_t>(rest[0], rest.size() - 1);
    const auto decoded = decode_response(rest.subspan(1, length));
    rest = rest.subspan(1 + length);
    if (const auto* r = std::get_if<XdlmsResponse>(&decoded))
      if (const auto* block = std::get_if<GetResponseWithDatablock>(r))
        (void)reassembler.add(*block);
    if (reassembler.data().size() > kLimit) std::abort();
    if (reassembler.failed() && !reassembler.data().empty()) std::abort();
  }
  return 0;
}
