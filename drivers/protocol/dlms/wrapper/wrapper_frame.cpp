#include "drivers/protocol/dlms/wrapper/wrapper_frame.hpp"

#include <algorithm>
#include <stdexcept>

namespace jemhead::dlms::wrapper {
namespace {

// Frames a caller has not collected yet; beyond this the oldest are dropped.
constexpr std::size_t kMaxQueuedFrames = 64;

void put16(std::uint8_t* at, std::uint16_t v) {
  at[0] = static_cast<std::uint8_t>(v >> 8);
  at[1] = static_cast<std::uint8_t>(v & 0xFFu);
}

std::uint16_t get16(const std::uint8_t* at) {
  return static_cast<std::uint16_t>(at[0] << 8 | at[1]);
}

}  // namespace

std::array<std::uint8_t, kHeaderSize> encode_header(const Header& h) {
  std::array<std::uint8_t, kHeaderSize> out{};
  put16(&out[0], h.version);
  put16(&out[2], h.source);
  put16(&out[4], h.destination);
  put16(&out[6], h.length);
  return out;
}

Header decode_header(std::span<const std::uint8_t, kHeaderSize> b) {
  return Header{get16(&b[0]), get16(&b[2]), get16(&b[4]), get16(&b[6])};
}

std::vector<std::uint8_t> encode_wrapper(std::uint16_t source, std::uint16_t destination,
                                         std::span<const std::uint8_t> apdu) {
  if (apdu.size() > kMaxApduLength)
    throw std::invalid_argument("wrapper: APDU longer than the 16-bit length field");
  const auto header =
      encode_header(Header{kVersion, source, destination, static_cast<std::uint16_t>(apdu.size())});
  // Sized up front and copied into: GCC 12 misreports range-insert after a fixed prefix
  // (-Warray-bounds false positive).
  std::vector<std::uint8_t> out(header.size() + apdu.size());
  std::copy(header.begin(), header.end(), out.begin());
  std::copy(apdu.begin(), apdu.end(), out.begin() + static_cast<std::ptrdiff_t>(header.size()));
  return out;
}

std::vector<std::uint8_t> encode_wrapper(const WrapperFrame& frame) {
  return encode_wrapper(frame.source, frame.destination, frame.apdu);
}

std::string_view wrapper_error_text(WrapperError error) {
  switch (error) {
    case WrapperError::none: return "none";
    case WrapperError::bad_version: return "wrapper version is not 1";
    case WrapperError::oversize: return "wrapper APDU length above the limit";
    case WrapperError::empty_apdu: return "wrapper APDU length is 0";
  }
  return "?";
}

WrapperDecoder::WrapperDecoder(WrapperDecoderOptions options) : options_(options) {}

void WrapperDecoder::feed(std::span<const std::uint8_t> bytes) {
  if (error_ != WrapperError::none) return;
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  extract();
}

std::optional<WrapperFrame> WrapperDecoder::next() {
  if (ready_.empty()) return std::nullopt;
  WrapperFrame frame = std::move(ready_.front());
  ready_.pop_front();
  return frame;
}

void WrapperDecoder::extract() {
  std::size_t head = 0;
  while (buffer_.size() - head >= kHeaderSize) {
    const auto header =
        decode_header(std::span<const std::uint8_t>(buffer_).subspan(head).first<kHeaderSize>());
    // The header is judged as soon as it is complete, so a bad one is reported without
    // waiting for an APDU that may never come.
    if (header.version != kVersion) return fail(WrapperError::bad_version, header);
    if (header.length == 0) return fail(WrapperError::empty_apdu, header);
    if (header.length > options_.max_apdu_length) return fail(WrapperError::oversize, header);
    if (buffer_.size() - head < kHeaderSize + header.length) break;
    const auto apdu_at = buffer_.begin() + static_cast<std::ptrdiff_t>(head + kHeaderSize);
    WrapperFrame frame{header.source, header.destination, {apdu_at, apdu_at + header.length}};
    if (ready_.size() == kMaxQueuedFrames) {
      ready_.pop_front();
      ++stats_.dropped_frames;
    }
    ready_.push_back(std::move(frame));
    ++stats_.frames;
    head += kHeaderSize + header.length;
  }
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(head));
}

void WrapperDecoder::fail(WrapperError error, const Header& header) {
  error_ = error;
  rejected_ = header;
  switch (error) {
    case WrapperError::bad_version: ++stats_.bad_version; break;
    case WrapperError::oversize: ++stats_.oversize; break;
    case WrapperError::empty_apdu: ++stats_.empty_apdu; break;
    case WrapperError::none: break;
  }
  buffer_.clear();  // nothing after a bad header can be framed
}

void WrapperDecoder::reset() {
  error_ = WrapperError::none;
  rejected_.reset();
  buffer_.clear();
  ready_.clear();
}

}  // namespace jemhead::dlms::wrapper
