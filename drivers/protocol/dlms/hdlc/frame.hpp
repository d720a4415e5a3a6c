#pragma once
// HDLC frame format type 3 (IEC 62056-46 §6.4; the meter's "non-basic frame format
// transparency", part7 §3):
//
//   7E | A S LLL LLLLLLLL | dest | src | control | [HCS | info] | FCS | 7E
//
// The 11-bit length counts every byte between the flags. There is no byte stuffing: the
// length, not the flags, delimits the frame, so 0x7E may appear inside it. HCS (over
// format, addresses and control) is present exactly when there is an information field.
// S is the segmentation bit: more of the same MSDU follows in the next frame.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "drivers/protocol/dlms/hdlc/address.hpp"
#include "drivers/protocol/dlms/hdlc/control.hpp"

namespace jemhead::dlms::hdlc {

inline constexpr std::uint8_t kFlag = 0x7E;
inline constexpr std::uint8_t kFormatType3 = 0xA;          // high nibble of the format field
inline constexpr std::size_t kMaxFrameLength = 0x7FF;      // 11-bit length field
inline constexpr std::size_t kMinFrameLength = 7;          // format, 1+1 address, control, FCS
inline constexpr std::size_t kDefaultMaxInfoLength = 128;  // manual L13956-13958
inline constexpr std::size_t kDefaultWindowSize = 1;       // manual L13960-13962

// Length-field value of the largest frame carrying `max_info` bytes of information,
// with the largest (four-byte) addresses on both sides.
constexpr std::size_t frame_length_for_info(std::size_t max_info) {
  return 2 + 4 + 4 + 1 + 2 + max_info + 2;
}

struct Frame {
  Address destination;
  Address source;
  std::uint8_t control = 0;  // as on the wire; decode_control() classifies it
  bool segmented = false;    // S bit
  std::vector<std::uint8_t> info;
  bool operator==(const Frame&) const = default;
};

Frame make_frame(const Address& destination, const Address& source, const Control& control,
                 std::span<const std::uint8_t> info = {}, bool segmented = false);

// The frame with both flags. Throws std::invalid_argument for an invalid address or a
// frame longer than the length field can express.
std::vector<std::uint8_t> encode_frame(const Frame& frame);

}  // namespace jemhead::dlms::hdlc
