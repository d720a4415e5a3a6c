#pragma once
// Modbus TCP framing: the 7-byte MBAP header (transaction id, protocol id 0, length,
// unit id) followed by the PDU. `length` counts the unit id and the PDU, so it lies in
// 2..254 (a PDU is 1..253 bytes, the same bound as RTU).
//
// MbapDecoder is a streaming state machine over a TCP byte stream. A header that breaks
// the rules (protocol id not 0, length out of bounds) means the stream has lost framing
// and cannot be trusted again: the decoder stops, reports why, and the connection owner
// closes the socket. It never throws on input and never buffers more than one frame.
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace jemhead::modbus {

inline constexpr std::size_t kMbapHeaderSize = 7;
inline constexpr std::uint16_t kMbapMinLength = 2;    // unit id + function code
inline constexpr std::uint16_t kMbapMaxLength = 254;  // unit id + 253-byte PDU

struct MbapFrame {
  std::uint16_t transaction_id = 0;
  std::uint8_t unit_id = 0;
  std::vector<std::uint8_t> pdu;
  bool operator==(const MbapFrame&) const = default;
};

// Throws std::invalid_argument for an empty or >253-byte PDU.
std::vector<std::uint8_t> encode_mbap(std::uint16_t transaction_id, std::uint8_t unit_id,
                                      std::span<const std::uint8_t> pdu);

enum class MbapError { protocol_id_not_zero, length_too_small, length_too_large };
std::string_view to_text(MbapError error);

struct MbapDecoderStats {
  std::uint64_t frames = 0;
  std::uint64_t bytes_ignored = 0;  // received after the stream was declared broken
};

class MbapDecoder {
 public:
  void feed(std::span<const std::uint8_t> bytes);
  std::optional<MbapFrame> next();

  // Set once framing is lost; no frame is delivered after it.
  std::optional<MbapError> error() const { return error_; }
  std::string error_detail() const;
  // A new connection starts a new stream.
  void reset();

  bool mid_frame() const { return !partial_.empty(); }
  const MbapDecoderStats& stats() const { return stats_; }

 private:
  void consume(std::uint8_t byte);

  std::vector<std::uint8_t> partial_;  // header, then header + body of the current frame
  std::size_t frame_size_ = 0;         // known once the header is complete
  std::optional<MbapError> error_;
  std::uint16_t bad_value_ = 0;
  std::deque<MbapFrame> ready_;
  MbapDecoderStats stats_;
};

}  // namespace jemhead::modbus
