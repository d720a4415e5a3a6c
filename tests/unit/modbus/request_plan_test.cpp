#include "drivers/protocol/modbus/request_plan.hpp"

#include <gtest/gtest.h>

namespace jemhead::modbus {
namespace {

std::vector<WantedRegisters> pairs(std::uint16_t first, std::size_t count) {
  std::vector<WantedRegisters> out;
  for (std::size_t i = 0; i < count; ++i)
    out.push_back({static_cast<std::uint16_t>(first + 2 * i), RegisterWidth::pair});
  return out;
}

struct Span {
  std::uint16_t address;
  std::uint16_t quantity;
  bool operator==(const Span&) const = default;
};

std::vector<Span> spans(const std::vector<ReadRegistersRequest>& requests) {
  std::vector<Span> out;
  for (const auto& r : requests) out.push_back({r.address, r.quantity});
  return out;
}

TEST(RequestLimits, DefaultsFollowTheIssueAndTheManual) {
  const RequestLimits limits;
  EXPECT_EQ(limits.max_read_registers, 60);
  EXPECT_EQ(limits.max_write_registers, 120);
  EXPECT_TRUE(validate(limits).ok());
  RequestLimits bad;
  bad.max_read_registers = 1;     // a pair could never fit
  bad.max_write_registers = 121;  // beyond the manual's 120 (L12877)
  bad.max_read_bits = 0;
  const auto v = validate(bad);
  ASSERT_EQ(v.errors().size(), 3u);
  EXPECT_EQ(v.errors()[0].field, "max_read_registers");
  EXPECT_EQ(v.errors()[1].field, "max_write_registers");
  EXPECT_EQ(v.errors()[2].field, "max_read_bits");
}

TEST(RequestPlan, ThreeHundredCountersInSixtyRegisterReads) {
  // The meter's largest counter table: 300 pairs = 600 registers -> 10 reads of 60.
  const auto wanted = pairs(0, 300);
  const auto plan = plan_register_reads(FunctionCode::read_holding_registers, wanted, {});
  ASSERT_EQ(plan.size(), 10u);
  for (std::size_t i = 0; i < plan.size(); ++i) {
    EXPECT_EQ(plan[i].function, FunctionCode::read_holding_registers);
    EXPECT_EQ(plan[i].address, 60 * i);
    EXPECT_EQ(plan[i].quantity, 60);
  }
}

TEST(RequestPlan, NeverSplitsAPairEvenWithAnOddLimit) {
  RequestLimits limits;
  limits.max_read_registers = 7;
  const auto wanted = pairs(0, 5);  // registers 0..9
  const auto plan =
      spans(plan_register_reads(FunctionCode::read_holding_registers, wanted, limits));
  // 7 would end on a high word: each request stops at 6 so every pair stays whole.
  EXPECT_EQ(plan, (std::vector<Span>{{0, 6}, {6, 4}}));
  for (const auto& s : plan) EXPECT_EQ(s.address % 2, 0) << "starts on a low word";
}

TEST(RequestPlan, PairsStartingOnOddAddressesStayWhole) {
  RequestLimits limits;
  limits.max_read_registers = 4;
  std::vector<WantedRegisters> wanted{
      {1, RegisterWidth::single}, {2, RegisterWidth::pair}, {4, RegisterWidth::pair}};
  const auto plan =
      spans(plan_register_reads(FunctionCode::read_holding_registers, wanted, limits));
  EXPECT_EQ(plan, (std::vector<Span>{{1, 3}, {4, 2}}));
}

TEST(RequestPlan, GapsSplitRequestsUnlessBridgingIsAllowed) {
  std::vector<WantedRegisters> wanted{
      {0, RegisterWidth::single}, {1, RegisterWidth::single}, {5, RegisterWidth::single}};
  EXPECT_EQ(spans(plan_register_reads(FunctionCode::read_input_registers, wanted, {})),
            (std::vector<Span>{{0, 2}, {5, 1}}));
  RequestLimits bridging;
  bridging.max_gap = 3;
  EXPECT_EQ(spans(plan_register_reads(FunctionCode::read_input_registers, wanted, bridging)),
            (std::vector<Span>{{0, 6}}));
}

TEST(RequestPlan, DuplicatesAndOverlapsAreMergedAndOrdered) {
  std::vector<WantedRegisters> wanted{{10, RegisterWidth::pair},
                                      {3, RegisterWidth::single},
                                      {10, RegisterWidth::pair},
                                      {11, RegisterWidth::single},
                                      {3, RegisterWidth::single}};
  EXPECT_EQ(spans(plan_register_reads(FunctionCode::read_holding_registers, wanted, {})),
            (std::vector<Span>{{3, 1}, {10, 2}}));
}

TEST(RequestPlan, ImpossibleInputsAreProgrammingErrors) {
  std::vector<WantedRegisters> top{{0xFFFF, RegisterWidth::pair}};
  EXPECT_THROW(plan_register_reads(FunctionCode::read_holding_registers, top, {}),
               std::invalid_argument);
  EXPECT_THROW(plan_register_reads(FunctionCode::read_coils, {}, {}), std::invalid_argument);
  // Overlapping pairs chained into a unit longer than the limit.
  RequestLimits limits;
  limits.max_read_registers = 2;
  std::vector<WantedRegisters> chain{{0, RegisterWidth::pair}, {1, RegisterWidth::pair}};
  EXPECT_THROW(plan_register_reads(FunctionCode::read_holding_registers, chain, limits),
               std::invalid_argument);
}

TEST(RequestPlan, EmptyWantsGiveNoRequests) {
  EXPECT_TRUE(plan_register_reads(FunctionCode::read_input_registers, {}, {}).empty());
}

TEST(RequestPlan, BitReadsCoalesceUpToTheBitLimit) {
  std::vector<std::uint16_t> addresses{4, 0, 1, 2, 3, 9};
  const auto plan = plan_bit_reads(FunctionCode::read_discrete_inputs, addresses, {});
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0], (ReadBitsRequest{FunctionCode::read_discrete_inputs, 0, 5}));
  EXPECT_EQ(plan[1], (ReadBitsRequest{FunctionCode::read_discrete_inputs, 9, 1}));
  RequestLimits limits;
  limits.max_read_bits = 2;
  EXPECT_EQ(plan_bit_reads(FunctionCode::read_coils, addresses, limits).size(), 4u);
}

TEST(RequestPlan, PresetsAreSplitAt120RegistersOnPairBoundaries) {
  // 61 counters = 122 registers: one preset of 120 (60 pairs) and one of 2.
  std::vector<RegisterWrite> writes;
  for (std::uint16_t i = 0; i < 61; ++i)
    writes.push_back({static_cast<std::uint16_t>(2 * i), RegisterWidth::pair, 100000u + i});
  const auto plan = plan_register_writes(writes, {});
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].address, 0);
  EXPECT_EQ(plan[0].values.size(), 120u);
  EXPECT_EQ(plan[1].address, 120);
  // High word first: 100060 = 0x0001'86DC.
  EXPECT_EQ(plan[1].values, (std::vector<std::uint16_t>{0x0001, 0x86DC}));
}

TEST(RequestPlan, PresetsNeverBridgeGapsOrWriteARegisterTwice) {
  std::vector<RegisterWrite> writes{{0, RegisterWidth::pair, 1}, {4, RegisterWidth::pair, 2}};
  const auto plan = plan_register_writes(writes, {});
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[1].address, 4);
  std::vector<RegisterWrite> clash{{0, RegisterWidth::pair, 1}, {1, RegisterWidth::single, 2}};
  EXPECT_THROW(plan_register_writes(clash, {}), std::invalid_argument);
}

}  // namespace
}  // namespace jemhead::modbus
