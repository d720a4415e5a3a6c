#include "drivers/protocol/dlms/hdlc/segmentation.hpp"

#include <algorithm>
#include <stdexcept>

namespace jemhead::dlms::hdlc {

Reassembler::Status Reassembler::add(std::span<const std::uint8_t> info, bool segmented) {
  if (complete_) reset();  // the previous MSDU was never taken: start over
  if (collected_.size() + info.size() > max_total_) {
    reset();
    return Status::too_large;
  }
  collected_.insert(collected_.end(), info.begin(), info.end());
  ++segments_;
  if (segmented) return Status::need_more;
  complete_ = true;
  return Status::complete;
}

std::vector<std::uint8_t> Reassembler::take() {
  std::vector<std::uint8_t> out = std::move(collected_);
  reset();
  return out;
}

void Reassembler::reset() {
  collected_.clear();
  segments_ = 0;
  complete_ = false;
}

std::vector<std::vector<std::uint8_t>> split_msdu(std::span<const std::uint8_t> msdu,
                                                  std::size_t max_info) {
  if (max_info == 0) throw std::invalid_argument("hdlc: max info length must be positive");
  std::vector<std::vector<std::uint8_t>> pieces;
  do {
    const std::size_t n = std::min(max_info, msdu.size());
    pieces.emplace_back(msdu.begin(), msdu.begin() + static_cast<std::ptrdiff_t>(n));
    msdu = msdu.subspan(n);
  } while (!msdu.empty());
  return pieces;
}

}  // namespace jemhead::dlms::hdlc
