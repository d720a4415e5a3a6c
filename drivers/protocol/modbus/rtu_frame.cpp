#include "drivers/protocol/modbus/rtu_frame.hpp"

#include <stdexcept>

#include "drivers/protocol/modbus/function_code.hpp"

namespace jemhead::modbus {
namespace {

// Frames a caller has not collected yet; beyond this the oldest are dropped so a caller
// that never drains cannot make the decoder grow without bound.
constexpr std::size_t kMaxQueuedFrames = 256;
constexpr std::size_t kMinFrame = 4;  // address + FC + CRC
constexpr std::uint8_t kHighestUnicast = 247;

}  // namespace

std::vector<std::uint8_t> encode_rtu(std::uint8_t address, std::span<const std::uint8_t> pdu,
                                     CrcOrder order) {
  if (pdu.empty() || pdu.size() > spec_limit::max_pdu_bytes)
    throw std::invalid_argument("modbus: RTU PDU must be 1..253 bytes");
  std::vector<std::uint8_t> frame;
  frame.reserve(pdu.size() + 3);
  frame.push_back(address);
  frame.insert(frame.end(), pdu.begin(), pdu.end());
  append_crc(frame, order);
  return frame;
}

RtuDecoder::RtuDecoder(RtuDecoderOptions options) : options_(options) {}

bool RtuDecoder::accepts(std::uint8_t address) const {
  if (address == kBroadcastAddress) return options_.accept_broadcast;
  if (options_.address) return address == *options_.address;
  return address <= kHighestUnicast;
}

// Frame length implied by the first bytes of a candidate (address, FC, maybe a count).
RtuDecoder::Expectation RtuDecoder::expected_length(std::span<const std::uint8_t> c) const {
  if (c.size() < 2) return {};
  const std::uint8_t fc = c[1];
  if (options_.direction == RtuDirection::requests) {
    switch (fc) {
      case 0x01:
      case 0x02:
      case 0x03:
      case 0x04:
      case 0x05:
      case 0x06: return {Length::known, 8};  // address, FC, two 16-bit fields, CRC
      case 0x0F:
      case 0x10:  // ... plus a byte count and that many data bytes
        if (c.size() < 7) return {};
        return {Length::known, 9u + c[6]};
      // Function codes the meter rejects (exception 01) still need their end found.
      // Layouts of the standard ones are known; anything else falls back to the CRC.
      case 0x07:
      case 0x0B:
      case 0x0C:
      case 0x11: return {Length::known, 4};   // serial-line queries without data
      case 0x08: return {Length::known, 8};   // diagnostics: sub-function + one data word
      case 0x16: return {Length::known, 10};  // mask write register
      case 0x18: return {Length::known, 6};   // read FIFO queue
      case 0x14:
      case 0x15:  // file records: byte count after the FC
        if (c.size() < 3) return {};
        return {Length::known, 5u + c[2]};
      case 0x17:  // read/write multiple registers: write byte count at offset 10
        if (c.size() < 11) return {};
        return {Length::known, 13u + c[10]};
      default: return {Length::unknown, 0};
    }
  }
  if (fc & kExceptionFlag) return {Length::known, 5};  // address, FC|80, code, CRC
  switch (fc) {
    case 0x01:
    case 0x02:
    case 0x03:
    case 0x04:  // address, FC, byte count, data, CRC
      if (c.size() < 3) return {};
      return {Length::known, 5u + c[2]};
    case 0x05:
    case 0x06:
    case 0x0F:
    case 0x10: return {Length::known, 8};  // echoes of address and value/quantity
    default:
      // The master only ever asks for the codes above, so any other byte after the
      // address cannot start the answer it waits for: a false sync.
      return {Length::invalid, 0};
  }
}

void RtuDecoder::feed(std::span<const std::uint8_t> bytes) {
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  extract();
}

std::optional<RtuFrame> RtuDecoder::next() {
  if (ready_.empty()) return std::nullopt;
  RtuFrame frame = std::move(ready_.front());
  ready_.pop_front();
  return frame;
}

void RtuDecoder::extract() {
  for (;;) {
    while (head_ < buffer_.size() && !accepts(buffer_[head_])) {
      ++head_;
      ++stats_.bytes_discarded;
    }
    if (head_ == buffer_.size()) break;
    const auto candidate = std::span<const std::uint8_t>(buffer_).subspan(head_);
    const auto expectation = expected_length(candidate);
    if (expectation.kind == Length::need_more) break;
    if (expectation.kind == Length::invalid) {
      ++stats_.unexpected_function;
      drop_first_byte();
      continue;
    }
    if (expectation.kind == Length::unknown) {
      if (!try_unknown_layout(candidate)) break;
      continue;
    }
    if (expectation.bytes > kMaxRtuFrame) {
      ++stats_.oversize;
      drop_first_byte();
      continue;
    }
    if (candidate.size() < expectation.bytes) break;
    const auto frame = candidate.first(expectation.bytes);
    if (crc_matches(frame, options_.crc_order)) {
      emit(frame);
    } else {
      ++stats_.crc_errors;
      drop_first_byte();
    }
  }
  compact();
}

// A function code whose layout we do not know: the frame ends at the first length whose
// last two bytes are the CRC of the rest. The CRC is kept running so each byte is folded
// in once.
bool RtuDecoder::try_unknown_layout(std::span<const std::uint8_t> candidate) {
  while (crc_scanned_ + 2 <= candidate.size()) {
    if (crc_scanned_ + 2 >= kMinFrame) {
      const auto wire = crc_wire_bytes(running_crc_, options_.crc_order);
      if (candidate[crc_scanned_] == wire[0] && candidate[crc_scanned_ + 1] == wire[1]) {
        emit(candidate.first(crc_scanned_ + 2));
        return true;
      }
    }
    if (crc_scanned_ + 2 >= kMaxRtuFrame) {
      ++stats_.oversize;
      drop_first_byte();
      return true;
    }
    running_crc_ = crc16_update(running_crc_, candidate[crc_scanned_]);
    ++crc_scanned_;
  }
  return false;
}

void RtuDecoder::drop_first_byte() {
  ++head_;
  crc_scanned_ = 0;
  running_crc_ = kCrcInitial;
}

void RtuDecoder::emit(std::span<const std::uint8_t> frame) {
  RtuFrame out;
  out.address = frame[0];
  out.pdu.assign(frame.begin() + 1, frame.end() - 2);
  if (ready_.size() == kMaxQueuedFrames) ready_.pop_front();
  ready_.push_back(std::move(out));
  ++stats_.frames;
  head_ += frame.size();
  crc_scanned_ = 0;
  running_crc_ = kCrcInitial;
}

void RtuDecoder::compact() {
  if (head_ == 0) return;
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(head_));
  head_ = 0;
}

void RtuDecoder::on_silence() {
  if (!mid_frame()) return;
  ++stats_.abandoned;
  // Nothing buffered can be completed by bytes that are not coming: abandon the candidate
  // and rescan what followed it, until every buffered byte is delivered or discarded.
  while (mid_frame()) {
    drop_first_byte();
    ++stats_.bytes_discarded;
    extract();
  }
}

void RtuDecoder::reset() {
  if (mid_frame()) ++stats_.abandoned;
  buffer_.clear();
  head_ = 0;
  crc_scanned_ = 0;
  running_crc_ = kCrcInitial;
  ready_.clear();
}

}  // namespace jemhead::modbus
