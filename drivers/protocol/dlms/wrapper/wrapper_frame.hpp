#pragma once
// The IEC 62056-47 wrapper: DLMS over TCP (the meter listens on 4059, manual L5830).
// Every APDU goes behind an eight-byte header, all fields big-endian:
//
//   version (0x0001) | source wPort | destination wPort | APDU length
//
// The wPorts play the role of the HDLC SAPs: the client's is its SAP (16 public, 1 and 2
// LLS), the server's is the logical device (1, the management logical device).
//
// WrapperDecoder is a streaming decoder with the HDLC decoder's rules (bytes in any
// chunks, frames out, never throws) except one: TCP carries no delimiter to resynchronise
// on, so once a header is bad (wrong version, length above the limit, zero length) every
// later byte is meaningless. The decoder then stops in an error state and the session must
// drop the connection; reset() is for a new one.
#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace jemhead::dlms::wrapper {

inline constexpr std::uint16_t kVersion = 0x0001;
inline constexpr std::uint16_t kDlmsTcpPort = 4059;
inline constexpr std::size_t kHeaderSize = 8;
inline constexpr std::size_t kMaxApduLength = 0xFFFF;  // 16-bit length field
inline constexpr std::uint16_t kManagementLogicalDevice = 1;

struct Header {
  std::uint16_t version = kVersion;
  std::uint16_t source = 0;       // wPort of the sender
  std::uint16_t destination = 0;  // wPort of the receiver
  std::uint16_t length = 0;       // APDU bytes after the header
  bool operator==(const Header&) const = default;
};

struct WrapperFrame {
  std::uint16_t source = 0;
  std::uint16_t destination = 0;
  std::vector<std::uint8_t> apdu;
  bool operator==(const WrapperFrame&) const = default;
};

std::array<std::uint8_t, kHeaderSize> encode_header(const Header& header);
Header decode_header(std::span<const std::uint8_t, kHeaderSize> bytes);

// Header + APDU. Throws std::invalid_argument for an APDU longer than 65535 bytes.
std::vector<std::uint8_t> encode_wrapper(std::uint16_t source, std::uint16_t destination,
                                         std::span<const std::uint8_t> apdu);
std::vector<std::uint8_t> encode_wrapper(const WrapperFrame& frame);

enum class WrapperError {
  none,
  bad_version,  // version field other than 0x0001
  oversize,     // length above max_apdu_length
  empty_apdu,   // length 0: no APDU is that short
};

std::string_view wrapper_error_text(WrapperError error);

struct WrapperDecoderOptions {
  // Largest APDU accepted: the negotiated max PDU size (the meter's default is 512,
  // manual L6486-6494) plus whatever slack the session allows.
  std::size_t max_apdu_length = kMaxApduLength;
};

struct WrapperDecoderStats {
  std::uint64_t frames = 0;
  std::uint64_t bad_version = 0;
  std::uint64_t oversize = 0;
  std::uint64_t empty_apdu = 0;
  std::uint64_t dropped_frames = 0;  // delivered frames discarded because nobody collected them
};

class WrapperDecoder {
 public:
  explicit WrapperDecoder(WrapperDecoderOptions options = {});

  // Appends received bytes and extracts every frame they complete. Ignored once in error.
  void feed(std::span<const std::uint8_t> bytes);
  std::optional<WrapperFrame> next();

  WrapperError error() const { return error_; }
  // The header that caused error(), for the log.
  const std::optional<Header>& rejected_header() const { return rejected_; }
  void reset();

  void set_max_apdu_length(std::size_t length) { options_.max_apdu_length = length; }

  bool mid_frame() const { return !buffer_.empty(); }
  std::size_t buffered() const { return buffer_.size(); }
  const WrapperDecoderStats& stats() const { return stats_; }

 private:
  void extract();
  void fail(WrapperError error, const Header& header);

  WrapperDecoderOptions options_;
  WrapperDecoderStats stats_;
  WrapperError error_ = WrapperError::none;
  std::optional<Header> rejected_;
  std::vector<std::uint8_t> buffer_;
  std::deque<WrapperFrame> ready_;
};

}  // namespace jemhead::dlms::wrapper
