#pragma once
// Long MSDUs over HDLC (IEC 62056-46 §6.4.4.4.3.4): an MSDU larger than the negotiated
// max info field goes in several I frames, all but the last with the S bit set; the
// receiver acknowledges each segment with RR. The meter says it does not support this
// ("Transparent transfer of long MSDUs: Not supported", L13964-13968) but its default max
// APDU (512) exceeds the 128-byte info field (part7 open question 3), so the client still
// decodes it rather than fail on a meter that does it anyway.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace jemhead::dlms::hdlc {

// Collects the information fields of one segmented MSDU.
class Reassembler {
 public:
  enum class Status {
    need_more,  // a segment (S bit) was added: acknowledge it with RR and wait
    complete,   // the last segment arrived: take() the MSDU
    too_large,  // the MSDU exceeded max_total; everything collected so far is dropped
  };

  explicit Reassembler(std::size_t max_total) : max_total_(max_total) {}

  Status add(std::span<const std::uint8_t> info, bool segmented);
  // The completed MSDU; the assembler is empty afterwards.
  std::vector<std::uint8_t> take();
  void reset();

  // Segments have arrived and the last one has not.
  bool in_progress() const { return segments_ > 0 && !complete_; }
  std::size_t collected() const { return collected_.size(); }

 private:
  std::size_t max_total_;
  std::vector<std::uint8_t> collected_;
  std::size_t segments_ = 0;
  bool complete_ = false;
};

// Splits an MSDU into information fields of at most max_info bytes (the sender's side,
// used by the simulator). Every piece but the last goes in a frame with the S bit. An empty
// MSDU gives one empty piece. Throws std::invalid_argument when max_info is 0.
std::vector<std::vector<std::uint8_t>> split_msdu(std::span<const std::uint8_t> msdu,
                                                  std::size_t max_info);

}  // namespace jemhead::dlms::hdlc
