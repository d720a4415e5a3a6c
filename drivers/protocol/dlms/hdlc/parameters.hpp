#pragma once
// The information field of SNRM and UA (IEC 62056-46 §6.4.4.4.3.2): HDLC parameter
// negotiation.
//
//   81 (format id) 80 (group id) <group length> { <parameter id> <length> <value> }...
//   05 max info field length transmit   06 max info field length receive
//   07 window size transmit             08 window size receive
//
// Values are big-endian in 1, 2 or 4 bytes. Each side states its own point of view, so the
// peer's "transmit" limits our "receive" and the other way round. A parameter left out
// means its default (128 bytes, window 1), and an SNRM may carry no information field at
// all. The meter supports 128/128/1/1 (manual L13956-13962).
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace jemhead::dlms::hdlc {

inline constexpr std::uint8_t kParameterFormatId = 0x81;
inline constexpr std::uint8_t kParameterGroupId = 0x80;

enum class ParameterId : std::uint8_t {
  max_info_transmit = 0x05,
  max_info_receive = 0x06,
  window_transmit = 0x07,
  window_receive = 0x08,
};

// What one side put on the wire; absent parameters take their defaults.
struct HdlcParameters {
  std::optional<std::uint32_t> max_info_transmit;
  std::optional<std::uint32_t> max_info_receive;
  std::optional<std::uint32_t> window_transmit;
  std::optional<std::uint32_t> window_receive;
  bool operator==(const HdlcParameters&) const = default;
};

// Effective limits from one side's point of view.
struct LinkParameters {
  std::uint32_t max_info_transmit = 128;
  std::uint32_t max_info_receive = 128;
  std::uint32_t window_transmit = 1;
  std::uint32_t window_receive = 1;
  bool operator==(const LinkParameters&) const = default;
};

// Every present parameter, info lengths in two bytes (four above 65535) and windows in
// four, the layout of the DLMS UA's published exchange. Empty when no parameter is set:
// the frame then goes without an information field.
std::vector<std::uint8_t> encode_parameters(const HdlcParameters& parameters);
// All four parameters stated explicitly.
std::vector<std::uint8_t> encode_parameters(const LinkParameters& parameters);

// An empty field gives all-absent. Empty result when malformed: wrong format or group
// id, a group length that does not match, a value of 0 or not 1/2/4 bytes long, or a
// parameter repeated. Unknown parameter ids inside the group are skipped.
std::optional<HdlcParameters> decode_parameters(std::span<const std::uint8_t> info);

// Our effective limits given our own (`local`) and the peer's stated parameters: each is
// the smaller of ours and the peer's opposite-direction value (default when absent).
// A server answering SNRM and a client reading UA both use it.
LinkParameters negotiate(const LinkParameters& local, const HdlcParameters& peer);

// The parameters a side states for its limits (for the UA a server sends back).
HdlcParameters stated(const LinkParameters& parameters);

}  // namespace jemhead::dlms::hdlc
