#include "drivers/protocol/dlms/apdu/block_reassembler.hpp"

namespace jemhead::dlms::apdu {

std::string_view to_text(ReassemblyError error) {
  switch (error) {
    case ReassemblyError::gap: return "gap";
    case ReassemblyError::duplicate: return "duplicate";
    case ReassemblyError::oversize: return "oversize";
    case ReassemblyError::access_refused: return "access_refused";
    case ReassemblyError::already_finished: return "already_finished";
  }
  return "unknown";
}

ReassemblyProblem DatablockReassembler::fail(ReassemblyProblem problem) {
  failed_ = true;
  data_.clear();
  return problem;
}

std::variant<DatablockReassembler::Progress, ReassemblyProblem> DatablockReassembler::add(
    const GetResponseWithDatablock& block) {
  const std::uint32_t expected = last_block_ + 1;
  if (complete_ || failed_)
    return ReassemblyProblem{ReassemblyError::already_finished, expected, block.block_number,
                             std::nullopt, "the transfer has already ended"};
  if (const auto* refused = std::get_if<DataAccessResult>(&block.result))
    return fail({ReassemblyError::access_refused, expected, block.block_number, *refused,
                 "block " + std::to_string(block.block_number) + ": " +
                     describe_data_access_result(static_cast<std::uint8_t>(*refused))});
  if (block.block_number > expected || block.block_number == 0)
    return fail({ReassemblyError::gap, expected, block.block_number, std::nullopt,
                 "expected block " + std::to_string(expected) + ", got " +
                     std::to_string(block.block_number)});
  if (block.block_number < expected)
    return fail({ReassemblyError::duplicate, expected, block.block_number, std::nullopt,
                 "block " + std::to_string(block.block_number) + " received twice"});
  const Bytes& raw = std::get<Bytes>(block.result);
  if (raw.size() > max_total_ - data_.size())
    return fail({ReassemblyError::oversize, expected, block.block_number, std::nullopt,
                 "more than " + std::to_string(max_total_) + " bytes of raw data"});
  data_.insert(data_.end(), raw.begin(), raw.end());
  last_block_ = block.block_number;
  if (!block.last_block) return Progress::need_next;
  complete_ = true;
  return Progress::complete;
}

}  // namespace jemhead::dlms::apdu
