#pragma once
// Streaming decoder for HDLC frame format type 3. Bytes go in as they arrive, in chunks of
// any size; whole frames come out. It never throws on input: a candidate that fails a
// check is counted and hunting resumes at the byte after its opening flag, because with no
// byte stuffing the real next frame may start inside the rejected candidate's bytes.
//
// States, per candidate:
//   hunting    skip bytes up to a flag (counted as garbage)
//   after_flag further flags are inter-frame fill; anything else starts a frame
//   header     format, addresses and control; the HCS is checked as soon as it is here,
//              so a corrupt header is rejected without waiting for its claimed length
//   body       the rest of the claimed length and the closing flag, then the FCS
// A frame's closing flag may also open the next frame (ISO/IEC 13239 allows one shared
// flag between frames), so it is left in place for the next hunt.
//
// A candidate whose remaining bytes never come (lost on the line) is only abandoned by
// on_timeout(), which the link calls when its inter-frame timeout expires (the meter's
// "Rx Timeout", default 1000 ms, manual L6537-6539).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "drivers/protocol/dlms/hdlc/frame.hpp"

namespace jemhead::dlms::hdlc {

struct FrameDecoderOptions {
  // Largest length-field value accepted; longer candidates count as oversize. After the
  // SNRM/UA exchange a link sets frame_length_for_info(negotiated max info receive).
  std::size_t max_frame_length = kMaxFrameLength;
};

struct FrameDecoderStats {
  std::uint64_t frames = 0;          // delivered
  std::uint64_t bad_format = 0;      // format field not type 3
  std::uint64_t bad_length = 0;      // length too short or inconsistent with the header
  std::uint64_t oversize = 0;        // length above max_frame_length
  std::uint64_t bad_address = 0;     // address unterminated or in the three-byte form
  std::uint64_t bad_hcs = 0;         // header check failed
  std::uint64_t bad_fcs = 0;         // frame check failed
  std::uint64_t missing_flag = 0;    // checks passed up to the length but no closing flag
  std::uint64_t abandoned = 0;       // candidates dropped by on_timeout() or reset()
  std::uint64_t garbage_bytes = 0;   // non-flag bytes skipped while hunting for a flag
  std::uint64_t dropped_frames = 0;  // delivered frames discarded because nobody collected them
};

class FrameDecoder {
 public:
  explicit FrameDecoder(FrameDecoderOptions options = {});

  // Appends received bytes and extracts every frame they complete.
  void feed(std::span<const std::uint8_t> bytes);
  // The oldest complete frame, if any.
  std::optional<Frame> next();

  // The inter-frame timeout expired: the candidate being assembled cannot complete. It
  // is dropped and the bytes after its opening flag are searched again.
  void on_timeout();
  // Forget everything buffered and queued (a new link, or after DISC).
  void reset();

  void set_max_frame_length(std::size_t length) { options_.max_frame_length = length; }

  bool mid_frame() const { return state_ == State::header || state_ == State::body; }
  std::size_t buffered() const { return buffer_.size(); }
  const FrameDecoderStats& stats() const { return stats_; }
  const FrameDecoderOptions& options() const { return options_; }

 private:
  enum class State { hunting, after_flag, header, body };
  enum class Step { progress, need_more };

  void extract();
  Step hunt();
  Step after_flag();
  Step header();
  Step body();
  void reject(std::uint64_t FrameDecoderStats::*counter);
  void resync();  // drop the candidate's opening flag and hunt from the byte after it
  void compact();

  FrameDecoderOptions options_;
  FrameDecoderStats stats_;
  State state_ = State::hunting;
  std::vector<std::uint8_t> buffer_;
  std::size_t pos_ = 0;   // next byte to look at (hunting, after_flag)
  std::size_t head_ = 0;  // opening flag of the current candidate
  // Parsed header of the current candidate.
  std::size_t length_ = 0;
  std::size_t header_length_ = 0;  // format .. control
  Frame frame_;
  std::deque<Frame> ready_;
};

}  // namespace jemhead::dlms::hdlc
