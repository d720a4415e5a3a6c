#pragma once
// Reassembles a GET answered with datablocks (GET-Response-With-Datablock) into the one
// encoded Data element it carries. Blocks must arrive in order starting at block 1; a gap,
// a repeated block, a refusal inside a block or a total beyond the caller's limit stops
// the transfer with a typed error. Resuming an interrupted transfer (a new GET from the
// last stored interval) is the business of the layers above.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "drivers/protocol/dlms/apdu/xdlms.hpp"

namespace jemhead::dlms::apdu {

enum class ReassemblyError {
  gap,               // block number beyond the one expected (a block was lost)
  duplicate,         // block number already received
  oversize,          // total raw data beyond the limit
  access_refused,    // the block carries a data-access-result instead of raw data
  already_finished,  // a block after the last one, or after a failure
};
std::string_view to_text(ReassemblyError error);

struct ReassemblyProblem {
  ReassemblyError error = ReassemblyError::gap;
  std::uint32_t expected_block = 0;
  std::uint32_t received_block = 0;
  std::optional<DataAccessResult> access_result;  // with access_refused
  std::string detail;
};

class DatablockReassembler {
 public:
  // `max_total_bytes` bounds memory against a hostile or broken server.
  explicit DatablockReassembler(std::size_t max_total_bytes) : max_total_(max_total_bytes) {}

  enum class Progress { need_next, complete };

  // Adds one block. On need_next, send next_request(); on complete, take the data().
  std::variant<Progress, ReassemblyProblem> add(const GetResponseWithDatablock& block);

  // The GET-Request-Next acknowledging the last block received.
  GetRequestNext next_request(const InvokeIdAndPriority& invoke) const {
    return {invoke, last_block_};
  }

  bool complete() const { return complete_; }
  bool failed() const { return failed_; }
  std::uint32_t last_block() const { return last_block_; }
  const Bytes& data() const { return data_; }
  Bytes take_data() { return std::move(data_); }

 private:
  ReassemblyProblem fail(ReassemblyProblem problem);

  std::size_t max_total_;
  std::uint32_t last_block_ = 0;
  bool complete_ = false;
  bool failed_ = false;
  Bytes data_;
};

}  // namespace jemhead::dlms::apdu
