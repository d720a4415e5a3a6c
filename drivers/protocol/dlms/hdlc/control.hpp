#pragma once
// The HDLC control field (IEC 62056-46 §6.4.3) for the frames of class UNC extended with
// UI frames, the procedure class the meter implements (part7 §3, L13939-13949):
//
//   I     N(R) P/F N(S) 0      RR   N(R) P/F 0 0 0 1      RNR  N(R) P/F 0 1 0 1
//   SNRM  1 0 0 P 0 0 1 1      DISC 0 1 0 P 0 0 1 1       UA   0 1 1 F 0 0 1 1
//   DM    0 0 0 F 1 1 1 1      FRMR 1 0 0 F 0 1 1 1       UI   0 0 0 P/F 0 0 1 1
//
// Any other byte is an undefined control field: a server answers it with FRMR.
#include <cstdint>
#include <optional>
#include <string_view>

namespace jemhead::dlms::hdlc {

enum class FrameType : std::uint8_t { i, rr, rnr, snrm, disc, ua, dm, frmr, ui };

std::string_view frame_type_name(FrameType type);

inline constexpr std::uint8_t kSequenceModulus = 8;

// Sequence numbers N(S)/N(R) count modulo 8.
constexpr std::uint8_t next_sequence(std::uint8_t n) {
  return static_cast<std::uint8_t>((n + 1) % kSequenceModulus);
}

struct Control {
  FrameType type = FrameType::i;
  std::uint8_t send_sequence = 0;     // N(S): I-frames only
  std::uint8_t receive_sequence = 0;  // N(R): I, RR and RNR frames
  bool poll_final = true;             // P on commands, F on responses
  bool operator==(const Control&) const = default;
};

constexpr Control information(std::uint8_t ns, std::uint8_t nr, bool poll_final = true) {
  return {FrameType::i, ns, nr, poll_final};
}
constexpr Control receive_ready(std::uint8_t nr, bool poll_final = true) {
  return {FrameType::rr, 0, nr, poll_final};
}
constexpr Control receive_not_ready(std::uint8_t nr, bool poll_final = true) {
  return {FrameType::rnr, 0, nr, poll_final};
}
// SNRM, DISC, UA, DM, FRMR or UI (no sequence numbers).
constexpr Control unnumbered(FrameType type, bool poll_final = true) {
  return {type, 0, 0, poll_final};
}

// Throws std::invalid_argument for a sequence number above 7.
std::uint8_t encode_control(const Control& control);
// Empty for an undefined control field. Fields a type does not carry come back as 0.
std::optional<Control> decode_control(std::uint8_t byte);

}  // namespace jemhead::dlms::hdlc
