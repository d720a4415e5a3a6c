#pragma once
// Modbus RTU framing: device address + PDU + CRC-16.
//
// RtuDecoder is a streaming state machine: bytes go in as they arrive, whole frames come
// out. It does not depend on silence timing to delimit frames (the meter itself does not
// watch for the 3.5-character gap, L12760-12766): it hunts for an accepted address byte,
// then uses the length implied by the function code (and the byte count field where there
// is one) to know where the frame ends. On the slave side a function code of unknown
// layout is delimited by the first length at which the CRC matches (so it can be answered
// with exception 01); on the master side it can only be a false sync and is skipped. A frame with a
// bad CRC or an impossible length is counted and dropped, and hunting resumes at the byte after its
// first, so a false sync on garbage costs nothing but the wasted byte. It never throws on input.
//
// The same class serves the master (decoding responses) and the slave in the simulator
// (decoding requests): the direction decides which layout a function code implies.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "drivers/protocol/modbus/crc16.hpp"

namespace jemhead::modbus {

inline constexpr std::size_t kMaxRtuFrame = 256;  // address + 253-byte PDU + CRC
inline constexpr std::uint8_t kBroadcastAddress = 0;

struct RtuFrame {
  std::uint8_t address = 0;
  std::vector<std::uint8_t> pdu;
  bool operator==(const RtuFrame&) const = default;
};

// address + pdu + CRC in `order`. Throws std::invalid_argument for an empty or >253-byte PDU.
std::vector<std::uint8_t> encode_rtu(std::uint8_t address, std::span<const std::uint8_t> pdu,
                                     CrcOrder order);

enum class RtuDirection {
  requests,   // slave side: what a master sends
  responses,  // master side: what a slave answers
};

struct RtuDecoderOptions {
  RtuDirection direction = RtuDirection::responses;
  CrcOrder crc_order = CrcOrder::low_byte_first;
  // Only frames for this address are accepted (the slave's own address; on the master,
  // the address of the request in flight). Empty: any address 1-247 (a bus monitor).
  std::optional<std::uint8_t> address;
  bool accept_broadcast = false;  // also accept address 0 (slave side)
};

struct RtuDecoderStats {
  std::uint64_t frames = 0;               // frames delivered
  std::uint64_t crc_errors = 0;           // complete-length candidates with a wrong CRC
  std::uint64_t oversize = 0;             // candidates whose length would exceed 256 bytes
  std::uint64_t unexpected_function = 0;  // responses: a function code no request asks for
  std::uint64_t abandoned = 0;            // partial candidates dropped at silence or reset
  std::uint64_t bytes_discarded = 0;      // bytes skipped while hunting for an address
};

class RtuDecoder {
 public:
  explicit RtuDecoder(RtuDecoderOptions options = {});

  // Appends received bytes and extracts every frame they complete.
  void feed(std::span<const std::uint8_t> bytes);
  // The oldest complete frame, if any.
  std::optional<RtuFrame> next();

  // The line went quiet (inter-frame silence or the frame timeout of the manual, L12858):
  // the frame being assembled cannot complete. Its first byte is dropped and hunting
  // resumes over the bytes already buffered, so a real frame that followed a false sync
  // is still found.
  void on_silence();
  // Forget everything buffered (e.g. a new request is about to be sent).
  void reset();

  // The master changes the expected address for each request in flight.
  void set_address(std::optional<std::uint8_t> address) { options_.address = address; }

  bool mid_frame() const { return head_ < buffer_.size(); }
  std::size_t buffered() const { return buffer_.size() - head_; }
  const RtuDecoderStats& stats() const { return stats_; }
  const RtuDecoderOptions& options() const { return options_; }

 private:
  enum class Length { need_more, known, unknown, invalid };
  struct Expectation {
    Length kind = Length::need_more;
    std::size_t bytes = 0;
  };

  bool accepts(std::uint8_t address) const;
  Expectation expected_length(std::span<const std::uint8_t> candidate) const;
  void extract();
  bool try_unknown_layout(std::span<const std::uint8_t> candidate);
  void drop_first_byte();
  void emit(std::span<const std::uint8_t> frame);
  void compact();

  RtuDecoderOptions options_;
  RtuDecoderStats stats_;
  std::vector<std::uint8_t> buffer_;
  std::size_t head_ = 0;         // start of the current candidate in buffer_
  std::size_t crc_scanned_ = 0;  // unknown layout: candidate bytes already CRC-checked
  std::uint16_t running_crc_ = kCrcInitial;
  std::deque<RtuFrame> ready_;
};

}  // namespace jemhead::modbus
