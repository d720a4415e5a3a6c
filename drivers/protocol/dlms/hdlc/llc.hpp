#pragma once
// The LLC header that precedes every APDU in an HDLC I or UI frame (IEC 62056-46 §5):
// destination LSAP, source LSAP, control/quality. E6 E6 00 on frames the client sends,
// E6 E7 00 on the server's (the source LSAP's low bit marks a response).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace jemhead::dlms::hdlc {

enum class LlcDirection { request, response };

inline constexpr std::array<std::uint8_t, 3> kLlcRequest{0xE6, 0xE6, 0x00};
inline constexpr std::array<std::uint8_t, 3> kLlcResponse{0xE6, 0xE7, 0x00};

constexpr std::span<const std::uint8_t, 3> llc_header(LlcDirection direction) {
  return direction == LlcDirection::request ? std::span(kLlcRequest) : std::span(kLlcResponse);
}

// The LLC header followed by the APDU.
std::vector<std::uint8_t> add_llc(LlcDirection direction, std::span<const std::uint8_t> apdu);

// The APDU after the expected header; empty when the header is missing or different.
std::optional<std::span<const std::uint8_t>> strip_llc(LlcDirection direction,
                                                       std::span<const std::uint8_t> info);

}  // namespace jemhead::dlms::hdlc
