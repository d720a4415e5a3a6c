#include "drivers/protocol/dlms/hdlc/frame.hpp"

#include <stdexcept>

#include "drivers/protocol/dlms/hdlc/fcs16.hpp"

namespace jemhead::dlms::hdlc {

Frame make_frame(const Address& destination, const Address& source, const Control& control,
                 std::span<const std::uint8_t> info, bool segmented) {
  return Frame{destination, source, encode_control(control), segmented,
               std::vector<std::uint8_t>(info.begin(), info.end())};
}

std::vector<std::uint8_t> encode_frame(const Frame& frame) {
  std::vector<std::uint8_t> out;
  out.reserve(frame.info.size() + 16);
  out.push_back(kFlag);
  out.push_back(0);  // format, filled in once the length is known
  out.push_back(0);
  encode_address(frame.destination, out);
  encode_address(frame.source, out);
  out.push_back(frame.control);
  const std::size_t header = out.size() - 1;  // format .. control
  const std::size_t length =
      header + (frame.info.empty() ? 0 : 2 + frame.info.size()) + 2;  // + HCS, info + FCS
  if (length > kMaxFrameLength)
    throw std::invalid_argument("hdlc: frame longer than the 11-bit length field");
  out[1] =
      static_cast<std::uint8_t>(kFormatType3 << 4 | (frame.segmented ? 0x08 : 0) | (length >> 8));
  out[2] = static_cast<std::uint8_t>(length & 0xFFu);
  if (!frame.info.empty()) {
    const std::uint16_t hcs = fcs16(std::span(out).subspan(1, header));
    out.push_back(static_cast<std::uint8_t>(hcs & 0xFFu));
    out.push_back(static_cast<std::uint8_t>(hcs >> 8));
    out.insert(out.end(), frame.info.begin(), frame.info.end());
  }
  const std::uint16_t fcs = fcs16(std::span(out).subspan(1));
  out.push_back(static_cast<std::uint8_t>(fcs & 0xFFu));
  out.push_back(static_cast<std::uint8_t>(fcs >> 8));
  out.push_back(kFlag);
  return out;
}

}  // namespace jemhead::dlms::hdlc
