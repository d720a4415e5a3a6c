#include "drivers/protocol/dlms/hdlc/frame_decoder.hpp"

#include <algorithm>

#include "drivers/protocol/dlms/hdlc/fcs16.hpp"

namespace jemhead::dlms::hdlc {
namespace {

// Frames a caller has not collected yet; beyond this the oldest are dropped so a caller
// that never drains cannot make the decoder grow without bound.
constexpr std::size_t kMaxQueuedFrames = 64;
// Format (2) + two four-byte addresses + control + HCS: every header fits in this many
// bytes, so the header can be judged once this much (or the whole frame) is buffered.
constexpr std::size_t kLongestHeader = 2 + 4 + 4 + 1 + 2;
constexpr std::uint8_t kSegmentationBit = 0x08;

}  // namespace

FrameDecoder::FrameDecoder(FrameDecoderOptions options) : options_(options) {}

void FrameDecoder::feed(std::span<const std::uint8_t> bytes) {
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  extract();
}

std::optional<Frame> FrameDecoder::next() {
  if (ready_.empty()) return std::nullopt;
  Frame frame = std::move(ready_.front());
  ready_.pop_front();
  return frame;
}

void FrameDecoder::extract() {
  for (;;) {
    Step step = Step::need_more;
    switch (state_) {
      case State::hunting: step = hunt(); break;
      case State::after_flag: step = after_flag(); break;
      case State::header: step = header(); break;
      case State::body: step = body(); break;
    }
    if (step == Step::need_more) break;
  }
  compact();
}

FrameDecoder::Step FrameDecoder::hunt() {
  while (pos_ < buffer_.size()) {
    if (buffer_[pos_] == kFlag) {
      head_ = pos_++;
      state_ = State::after_flag;
      return Step::progress;
    }
    ++pos_;
    ++stats_.garbage_bytes;
  }
  return Step::need_more;
}

FrameDecoder::Step FrameDecoder::after_flag() {
  if (pos_ >= buffer_.size()) return Step::need_more;
  if (buffer_[pos_] == kFlag) {
    head_ = pos_++;  // inter-frame fill: the latest flag opens the frame
    return Step::progress;
  }
  state_ = State::header;
  return Step::progress;
}

FrameDecoder::Step FrameDecoder::header() {
  const auto c = std::span<const std::uint8_t>(buffer_).subspan(head_ + 1);
  if (c.size() < 2) return Step::need_more;
  if ((c[0] >> 4) != kFormatType3) {
    reject(&FrameDecoderStats::bad_format);
    return Step::progress;
  }
  length_ = static_cast<std::size_t>(c[0] & 0x07u) << 8 | c[1];
  if (length_ < kMinFrameLength) {
    reject(&FrameDecoderStats::bad_length);
    return Step::progress;
  }
  if (length_ > options_.max_frame_length) {
    reject(&FrameDecoderStats::oversize);
    return Step::progress;
  }
  const std::size_t judged = std::min(length_, kLongestHeader);
  if (c.size() < judged) return Step::need_more;
  const auto h = c.first(judged);

  const auto destination = decode_address(h.subspan(2));
  const auto source =
      destination ? decode_address(h.subspan(2 + destination->bytes)) : std::nullopt;
  if (!source) {
    // Both addresses must end within the frame: with `judged` bytes at hand an address
    // that is still open is malformed, not incomplete.
    reject(&FrameDecoderStats::bad_address);
    return Step::progress;
  }
  const std::size_t control_at = 2 + destination->bytes + source->bytes;
  header_length_ = control_at + 1;
  const std::size_t without_info = header_length_ + 2;
  // No information field: header + FCS exactly. With one: header + HCS + >= 1 byte + FCS.
  if (length_ != without_info && length_ < without_info + 3) {
    reject(&FrameDecoderStats::bad_length);
    return Step::progress;
  }
  if (length_ != without_info &&
      !fcs16_matches(h.first(header_length_), h.subspan(header_length_).first<2>())) {
    reject(&FrameDecoderStats::bad_hcs);
    return Step::progress;
  }
  frame_ = Frame{
      destination->address, source->address, h[control_at], (c[0] & kSegmentationBit) != 0, {}};
  state_ = State::body;
  return Step::progress;
}

FrameDecoder::Step FrameDecoder::body() {
  if (buffer_.size() - head_ < length_ + 2) return Step::need_more;  // + both flags
  const auto c = std::span<const std::uint8_t>(buffer_).subspan(head_ + 1, length_);
  if (!fcs16_matches(c.first(length_ - 2), c.last<2>())) {
    reject(&FrameDecoderStats::bad_fcs);
    return Step::progress;
  }
  if (buffer_[head_ + 1 + length_] != kFlag) {
    reject(&FrameDecoderStats::missing_flag);
    return Step::progress;
  }
  if (length_ > header_length_ + 2) {
    const auto info = c.subspan(header_length_ + 2, length_ - header_length_ - 4);
    frame_.info.assign(info.begin(), info.end());
  }
  if (ready_.size() == kMaxQueuedFrames) {
    ready_.pop_front();
    ++stats_.dropped_frames;
  }
  ready_.push_back(std::move(frame_));
  frame_ = Frame{};
  ++stats_.frames;
  pos_ = head_ + 1 + length_;  // the closing flag may open the next frame
  state_ = State::hunting;
  return Step::progress;
}

void FrameDecoder::reject(std::uint64_t FrameDecoderStats::*counter) {
  ++(stats_.*counter);
  resync();
}

void FrameDecoder::resync() {
  pos_ = head_ + 1;
  state_ = State::hunting;
}

void FrameDecoder::compact() {
  const std::size_t keep_from = state_ == State::hunting ? pos_ : head_;
  if (keep_from == 0) return;
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(keep_from));
  pos_ -= keep_from;
  if (state_ != State::hunting) head_ -= keep_from;
}

void FrameDecoder::on_timeout() {
  // No more bytes are coming for anything buffered: drop each partial candidate in turn
  // and rescan what followed it, so a whole frame behind a false start is still found.
  while (mid_frame()) {
    ++stats_.abandoned;
    resync();
    extract();
  }
}

void FrameDecoder::reset() {
  if (mid_frame()) ++stats_.abandoned;
  buffer_.clear();
  ready_.clear();
  pos_ = 0;
  head_ = 0;
  state_ = State::hunting;
  frame_ = Frame{};
}

}  // namespace jemhead::dlms::hdlc
