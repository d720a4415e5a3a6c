#include "drivers/protocol/modbus/mbap_frame.hpp"

#include <stdexcept>

#include "drivers/protocol/modbus/byte_io.hpp"

namespace jemhead::modbus {
namespace {
constexpr std::size_t kMaxQueuedFrames = 256;  // see RtuDecoder: bounds an undrained queue
}

std::vector<std::uint8_t> encode_mbap(std::uint16_t transaction_id, std::uint8_t unit_id,
                                      std::span<const std::uint8_t> pdu) {
  if (pdu.empty() || pdu.size() + 1 > kMbapMaxLength)
    throw std::invalid_argument("modbus: MBAP PDU must be 1..253 bytes");
  std::vector<std::uint8_t> out;
  out.reserve(kMbapHeaderSize + pdu.size());
  detail::put_u16(out, transaction_id);
  detail::put_u16(out, 0);  // protocol id: Modbus
  detail::put_u16(out, static_cast<std::uint16_t>(pdu.size() + 1));
  out.push_back(unit_id);
  out.insert(out.end(), pdu.begin(), pdu.end());
  return out;
}

std::string_view to_text(MbapError error) {
  switch (error) {
    case MbapError::protocol_id_not_zero: return "protocol_id_not_zero";
    case MbapError::length_too_small: return "length_too_small";
    case MbapError::length_too_large: return "length_too_large";
  }
  return "?";
}

void MbapDecoder::feed(std::span<const std::uint8_t> bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (error_) {
      stats_.bytes_ignored += bytes.size() - i;
      return;
    }
    consume(bytes[i]);
  }
}

void MbapDecoder::consume(std::uint8_t byte) {
  partial_.push_back(byte);
  if (partial_.size() == kMbapHeaderSize) {
    const auto protocol_id = detail::get_u16(partial_, 2);
    const auto length = detail::get_u16(partial_, 4);
    if (protocol_id != 0) {
      error_ = MbapError::protocol_id_not_zero;
      bad_value_ = protocol_id;
    } else if (length < kMbapMinLength) {
      error_ = MbapError::length_too_small;
      bad_value_ = length;
    } else if (length > kMbapMaxLength) {
      error_ = MbapError::length_too_large;
      bad_value_ = length;
    }
    if (error_) {
      partial_.clear();
      return;
    }
    // The length field counts the unit id, which is already part of the header.
    frame_size_ = kMbapHeaderSize + length - 1;
  }
  if (partial_.size() < kMbapHeaderSize || partial_.size() < frame_size_) return;

  MbapFrame frame;
  frame.transaction_id = detail::get_u16(partial_, 0);
  frame.unit_id = partial_[6];
  frame.pdu.assign(partial_.begin() + kMbapHeaderSize, partial_.end());
  if (ready_.size() == kMaxQueuedFrames) ready_.pop_front();
  ready_.push_back(std::move(frame));
  ++stats_.frames;
  partial_.clear();
  frame_size_ = 0;
}

std::optional<MbapFrame> MbapDecoder::next() {
  if (ready_.empty()) return std::nullopt;
  MbapFrame frame = std::move(ready_.front());
  ready_.pop_front();
  return frame;
}

std::string MbapDecoder::error_detail() const {
  if (!error_) return {};
  std::string out(to_text(*error_));
  out += error_ == MbapError::protocol_id_not_zero ? " (protocol id " : " (length ";
  out += std::to_string(bad_value_) + ")";
  return out;
}

void MbapDecoder::reset() {
  partial_.clear();
  frame_size_ = 0;
  error_.reset();
  ready_.clear();
}

}  // namespace jemhead::modbus
