#include "drivers/protocol/dlms/hdlc/control.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace jemhead::dlms::hdlc {
namespace {

constexpr std::uint8_t kPollFinal = 0x10;
constexpr std::uint8_t kSupervisoryMask = 0x0F;  // low bits of an S-frame, below P/F
constexpr std::uint8_t kRr = 0x01;
constexpr std::uint8_t kRnr = 0x05;

// Unnumbered frames: the control byte without the P/F bit.
constexpr std::array<std::pair<FrameType, std::uint8_t>, 6> kUnnumbered{{
    {FrameType::snrm, 0x83},
    {FrameType::disc, 0x43},
    {FrameType::ua, 0x63},
    {FrameType::dm, 0x0F},
    {FrameType::frmr, 0x87},
    {FrameType::ui, 0x03},
}};

}  // namespace

std::string_view frame_type_name(FrameType type) {
  switch (type) {
    case FrameType::i: return "I";
    case FrameType::rr: return "RR";
    case FrameType::rnr: return "RNR";
    case FrameType::snrm: return "SNRM";
    case FrameType::disc: return "DISC";
    case FrameType::ua: return "UA";
    case FrameType::dm: return "DM";
    case FrameType::frmr: return "FRMR";
    case FrameType::ui: return "UI";
  }
  return "?";
}

std::uint8_t encode_control(const Control& c) {
  if (c.send_sequence >= kSequenceModulus || c.receive_sequence >= kSequenceModulus)
    throw std::invalid_argument("hdlc: sequence numbers count modulo 8");
  const std::uint8_t pf = c.poll_final ? kPollFinal : 0;
  const auto nr = static_cast<std::uint8_t>(c.receive_sequence << 5);
  switch (c.type) {
    case FrameType::i: return static_cast<std::uint8_t>(nr | pf | (c.send_sequence << 1));
    case FrameType::rr: return static_cast<std::uint8_t>(nr | pf | kRr);
    case FrameType::rnr: return static_cast<std::uint8_t>(nr | pf | kRnr);
    default: break;
  }
  for (const auto& [type, bits] : kUnnumbered)
    if (type == c.type) return static_cast<std::uint8_t>(bits | pf);
  throw std::invalid_argument("hdlc: unknown frame type");
}

std::optional<Control> decode_control(std::uint8_t byte) {
  Control c;
  c.poll_final = (byte & kPollFinal) != 0;
  if ((byte & 0x01) == 0) {
    c.type = FrameType::i;
    c.send_sequence = (byte >> 1) & 0x07;
    c.receive_sequence = byte >> 5;
    return c;
  }
  if ((byte & 0x03) == 0x01) {
    const std::uint8_t kind = byte & kSupervisoryMask;
    if (kind != kRr && kind != kRnr) return std::nullopt;  // REJ/SREJ: not in class UNC
    c.type = kind == kRr ? FrameType::rr : FrameType::rnr;
    c.receive_sequence = byte >> 5;
    return c;
  }
  const auto bits = static_cast<std::uint8_t>(byte & ~kPollFinal);
  for (const auto& [type, code] : kUnnumbered) {
    if (code == bits) {
      c.type = type;
      return c;
    }
  }
  return std::nullopt;
}

}  // namespace jemhead::dlms::hdlc
