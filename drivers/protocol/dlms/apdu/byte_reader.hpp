#pragma once
// The bounded cursor every APDU decoder reads through. Each read checks the bytes left
// first and records the first problem (with the absolute APDU offset) instead of
// throwing, so decoders are straight-line code: `if (!r.u8(tag, "tag")) return r.take_error();`.
// Internal to the apdu library.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/protocol/dlms/apdu/apdu_error.hpp"

namespace jemhead::dlms::apdu::detail {

class ByteReader {
 public:
  // `base` is the absolute offset of bytes[0] in the whole APDU (for nested containers).
  explicit ByteReader(ByteView bytes, std::size_t base = 0) : bytes_(bytes), base_(base) {}

  std::size_t offset() const { return base_ + pos_; }
  std::size_t remaining() const { return bytes_.size() - pos_; }
  bool at_end() const { return pos_ == bytes_.size(); }
  bool failed() const { return error_.has_value(); }

  bool fail(ApduError code, std::string detail) {
    return fail_at(code, offset(), std::move(detail));
  }
  bool fail_at(ApduError code, std::size_t at, std::string detail) {
    if (!error_) error_ = DecodeError{code, at, std::move(detail)};
    return false;
  }
  // Copies a nested reader's problem into this one.
  bool adopt(const ByteReader& child) {
    if (child.error_ && !error_) error_ = child.error_;
    return false;
  }
  DecodeError take_error() const {
    return error_.value_or(DecodeError{ApduError::bad_value, offset(), "unknown problem"});
  }

  bool peek(std::uint8_t& out) const {
    if (at_end()) return false;
    out = bytes_[pos_];
    return true;
  }
  bool u8(std::uint8_t& out, std::string_view what) {
    if (!need(1, what)) return false;
    out = bytes_[pos_++];
    return true;
  }
  bool u16(std::uint16_t& out, std::string_view what) {
    if (!need(2, what)) return false;
    out = static_cast<std::uint16_t>((bytes_[pos_] << 8) | bytes_[pos_ + 1]);
    pos_ += 2;
    return true;
  }
  bool u32(std::uint32_t& out, std::string_view what) {
    if (!need(4, what)) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) out = (out << 8) | bytes_[pos_++];
    return true;
  }
  bool take(std::size_t n, ByteView& out, std::string_view what) {
    if (!need(n, what)) return false;
    out = bytes_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  ByteView rest() const { return bytes_.subspan(pos_); }
  ByteView consumed_since(std::size_t start_offset) const {
    return bytes_.subspan(start_offset - base_, offset() - start_offset);
  }
  bool expect_end(std::string_view what) {
    if (at_end()) return true;
    return fail(ApduError::trailing_bytes,
                std::to_string(remaining()) + " byte(s) after " + std::string(what));
  }

 private:
  bool need(std::size_t n, std::string_view what) {
    if (remaining() >= n) return true;
    return fail(ApduError::truncated, std::string(what) + " needs " + std::to_string(n) +
                                          " byte(s), " + std::to_string(remaining()) + " left");
  }

  ByteView bytes_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
  std::optional<DecodeError> error_;
};

inline void put_u16(Bytes& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v & 0xFFu));
}
inline void put_u32(Bytes& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

}  // namespace jemhead::dlms::apdu::detail
