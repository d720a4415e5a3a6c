#pragma once
// Helpers for the HDLC and wrapper codec tests: hex text to bytes, so vectors read like
// the published captures they come from, and stream helpers for chunked feeding.
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "tests/support/hex.hpp"

namespace jemhead::dlms::test {

using jemhead::testing::hex;

inline std::vector<std::uint8_t> concat(std::initializer_list<std::vector<std::uint8_t>> parts) {
  std::vector<std::uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// Published captures (the DLMS UA's "Examples for DLMS/COSEM information exchange" by
// G. Kmethy, and frames quoted in public issue threads); every HCS/FCS was recomputed
// independently before use.
namespace vectors {
// SNRM without parameters, server logical 1 / physical 17 (00 02 00 23) from client SAP 16
// (21; the source document's comment calls it 0x01, but 0x21 encodes SAP 16).
inline constexpr std::string_view kSnrm = "7E A0 0A 00 02 00 23 21 93 18 71 7E";
// Its UA stating 128/128/1/1 (info lengths in two bytes, windows in four).
inline constexpr std::string_view kUa =
    "7E A0 23 21 00 02 00 23 73 F6 C5 81 80 14 05 02 00 80 06 02 00 80 07 04 00 00 00 01"
    " 08 04 00 00 00 01 CE 6A 7E";
// The AARQ that follows, in an I frame N(S)=0 N(R)=0 with P set.
inline constexpr std::string_view kAarqFrame =
    "7E A0 2E 00 02 00 23 21 10 7E CB E6 E6 00 60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10"
    " 04 0E 01 00 00 00 06 5F 1F 04 00 00 30 1D FF FF D4 C5 7E";
inline constexpr std::string_view kAarqApdu =
    "60 1D A1 09 06 07 60 85 74 05 08 01 01 BE 10 04 0E 01 00 00 00 06 5F 1F 04 00 00 30 1D"
    " FF FF";
// SNRM with a two-byte server address (20 41) and a one-byte max info transmit (80).
inline constexpr std::string_view kSnrmTwoByteAddress =
    "7E A0 20 20 41 27 93 0C 0C 81 80 13 05 01 80 06 02 02 00 07 04 00 00 00 01 08 04 00 00"
    " 00 01 B4 F9 7E";
// UA from server logical 1 / physical 2836 (00 02 2C 29) to client 1, stating 242/242/1/1.
inline constexpr std::string_view kUaPhysical2836 =
    "7E A0 23 03 00 02 2C 29 73 28 13 81 80 14 05 02 00 F2 06 02 00 F2 07 04 00 00 00 01 08"
    " 04 00 00 00 01 0C F7 7E";
// A GET-request in an I frame with one-byte addresses (server 1, client 32).
inline constexpr std::string_view kGetFrame =
    "7E A0 19 03 41 B2 32 39 E6 E6 00 C0 01 C1 00 0F 00 00 28 00 00 FF 01 00 F9 79 7E";
}  // namespace vectors

}  // namespace jemhead::dlms::test
