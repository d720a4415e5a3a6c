// GET-with-datablock reassembly: in order, gap, duplicate, oversize, refusal mid-transfer.
#include "drivers/protocol/dlms/apdu/block_reassembler.hpp"

#include <gtest/gtest.h>

#include "tests/unit/dlms_apdu/apdu_test_support.hpp"

namespace jemhead::dlms::apdu {
namespace {

using test::hex;

GetResponseWithDatablock block(std::uint32_t number, bool last, Bytes raw) {
  return {{}, last, number, std::move(raw)};
}

ReassemblyProblem problem_of(
    const std::variant<DatablockReassembler::Progress, ReassemblyProblem>& r) {
  if (const auto* p = std::get_if<ReassemblyProblem>(&r)) return *p;
  ADD_FAILURE() << "block accepted although a problem was expected";
  return {};
}

TEST(DlmsApduReassembly, InOrderBlocksConcatenateAndAcknowledge) {
  DatablockReassembler reassembler(1024);
  using Progress = DatablockReassembler::Progress;
  EXPECT_EQ(reassembler.next_request({}).block_number, 0u);
  EXPECT_EQ(std::get<Progress>(reassembler.add(block(1, false, hex("01 02 02 04")))),
            Progress::need_next);
  EXPECT_EQ(reassembler.next_request({}).block_number, 1u);
  EXPECT_EQ(encode_request(reassembler.next_request({})), hex("C0 02 C1 00 00 00 01"));
  EXPECT_EQ(std::get<Progress>(reassembler.add(block(2, false, hex("06 00 00")))),
            Progress::need_next);
  EXPECT_EQ(std::get<Progress>(reassembler.add(block(3, true, hex("00 01 12 00 08")))),
            Progress::complete);
  EXPECT_TRUE(reassembler.complete());
  EXPECT_EQ(reassembler.data(), hex("01 02 02 04 06 00 00 00 01 12 00 08"));
  const auto after = problem_of(reassembler.add(block(4, true, {})));
  EXPECT_EQ(after.error, ReassemblyError::already_finished);
}

TEST(DlmsApduReassembly, SingleLastBlockCompletesAtOnce) {
  DatablockReassembler reassembler(16);
  EXPECT_EQ(std::get<DatablockReassembler::Progress>(reassembler.add(block(1, true, hex("00")))),
            DatablockReassembler::Progress::complete);
  EXPECT_EQ(reassembler.take_data(), hex("00"));
}

TEST(DlmsApduReassembly, GapIsDetected) {
  DatablockReassembler reassembler(1024);
  (void)reassembler.add(block(1, false, hex("01")));
  const auto p = problem_of(reassembler.add(block(3, false, hex("02"))));
  EXPECT_EQ(p.error, ReassemblyError::gap);
  EXPECT_EQ(p.expected_block, 2u);
  EXPECT_EQ(p.received_block, 3u);
  EXPECT_TRUE(reassembler.failed());
  EXPECT_TRUE(reassembler.data().empty());
  EXPECT_EQ(problem_of(reassembler.add(block(2, true, hex("02")))).error,
            ReassemblyError::already_finished);
}

TEST(DlmsApduReassembly, FirstBlockMustBeOne) {
  DatablockReassembler zero(1024);
  EXPECT_EQ(problem_of(zero.add(block(0, false, hex("01")))).error, ReassemblyError::gap);
  DatablockReassembler two(1024);
  EXPECT_EQ(problem_of(two.add(block(2, false, hex("01")))).error, ReassemblyError::gap);
}

TEST(DlmsApduReassembly, DuplicateIsDetected) {
  DatablockReassembler reassembler(1024);
  (void)reassembler.add(block(1, false, hex("01")));
  (void)reassembler.add(block(2, false, hex("02")));
  const auto p = problem_of(reassembler.add(block(2, false, hex("02"))));
  EXPECT_EQ(p.error, ReassemblyError::duplicate);
  EXPECT_EQ(p.expected_block, 3u);
  EXPECT_EQ(p.received_block, 2u);
}

TEST(DlmsApduReassembly, OversizeStopsAtTheLimit) {
  DatablockReassembler reassembler(5);
  EXPECT_FALSE(
      std::holds_alternative<ReassemblyProblem>(reassembler.add(block(1, false, Bytes(3, 1)))));
  EXPECT_FALSE(
      std::holds_alternative<ReassemblyProblem>(reassembler.add(block(2, false, Bytes(2, 1)))));
  const auto p = problem_of(reassembler.add(block(3, true, Bytes(1, 1))));
  EXPECT_EQ(p.error, ReassemblyError::oversize);
  EXPECT_EQ(to_text(p.error), "oversize");
}

TEST(DlmsApduReassembly, RefusalInsideABlockNamesTheResult) {
  DatablockReassembler reassembler(1024);
  (void)reassembler.add(block(1, false, hex("01")));
  GetResponseWithDatablock refused{{}, true, 2, DataAccessResult::long_get_aborted};
  const auto p = problem_of(reassembler.add(refused));
  EXPECT_EQ(p.error, ReassemblyError::access_refused);
  EXPECT_EQ(p.access_result, std::optional<DataAccessResult>(DataAccessResult::long_get_aborted));
  EXPECT_EQ(p.detail, "block 2: long-get-aborted (15)");
}

}  // namespace
}  // namespace jemhead::dlms::apdu
