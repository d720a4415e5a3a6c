// Job kinds: names, capabilities and the comma-separated list form.
#include "core/engine/job_kind.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace jemhead::engine {
namespace {

using enum JobKind;

TEST(EngineJobKind, NamesAreTheDocumentedOnes) {
  EXPECT_EQ(to_text(registers), "registers");
  EXPECT_EQ(to_text(instantaneous), "instantaneous");
  EXPECT_EQ(to_text(status), "status");
  EXPECT_EQ(to_text(load_profile), "load_profile");
  EXPECT_EQ(to_text(events), "events");
  EXPECT_EQ(to_text(clock_check), "clock_check");
  EXPECT_EQ(to_text(clock_sync), "clock_sync");
  EXPECT_EQ(to_text(pqdif), "pqdif");
  EXPECT_EQ(from_text<JobKind>("load_profile"), load_profile);
  EXPECT_EQ(from_text<JobKind>("LOAD_PROFILE"), std::nullopt);
}

TEST(EngineJobKind, EachKindNeedsItsCapability) {
  EXPECT_EQ(capability_for(registers), Capability::read_registers);
  EXPECT_EQ(capability_for(instantaneous), Capability::read_instantaneous);
  EXPECT_EQ(capability_for(status), Capability::read_status);
  EXPECT_EQ(capability_for(load_profile), Capability::read_load_profile);
  EXPECT_EQ(capability_for(events), Capability::read_events);
  EXPECT_EQ(capability_for(clock_check), Capability::read_clock);
  EXPECT_EQ(capability_for(clock_sync), Capability::set_clock);
  EXPECT_EQ(capability_for(pqdif), Capability::fetch_pq_files);
}

TEST(EngineJobKind, TextIsCommaSeparatedInTheGivenOrder) {
  EXPECT_EQ(kinds_text({}), "");
  EXPECT_EQ(kinds_text({registers}), "registers");
  EXPECT_EQ(kinds_text({status, registers}), "status,registers");
  EXPECT_EQ(kinds_text({registers, status, pqdif}), "registers,status,pqdif");
}

TEST(EngineJobKind, EveryKindRoundTrips) {
  std::vector<JobKind> all;
  for (const auto& [kind, name] : EnumText<JobKind>::names) all.push_back(kind);
  ASSERT_EQ(all.size(), 8u);
  const std::string text = kinds_text(all);
  EXPECT_EQ(text,
            "registers,instantaneous,status,load_profile,events,clock_check,clock_sync,pqdif");
  EXPECT_EQ(parse_kinds(text), all);
  const std::vector<JobKind> reversed(all.rbegin(), all.rend());
  EXPECT_EQ(parse_kinds(kinds_text(reversed)), reversed);
}

TEST(EngineJobKind, ParseDropsDuplicatesKeepingFirstOrder) {
  EXPECT_EQ(parse_kinds("status,registers,status,registers,events"),
            (std::vector<JobKind>{status, registers, events}));
}

TEST(EngineJobKind, ParseAcceptsBlanksAroundNamesAndEmptyText) {
  EXPECT_EQ(parse_kinds(" registers , clock_sync "), (std::vector<JobKind>{registers, clock_sync}));
  EXPECT_TRUE(parse_kinds("").empty());
  EXPECT_TRUE(parse_kinds("  ").empty());
}

TEST(EngineJobKind, ParseNamesTheBadKind) {
  try {
    parse_kinds("registers,logs");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'logs'"), std::string::npos) << what;
    EXPECT_NE(what.find("registers, instantaneous, status"), std::string::npos) << what;
  }
  EXPECT_THROW(parse_kinds("registers,,status"), std::invalid_argument);
  EXPECT_THROW(parse_kinds("registers,"), std::invalid_argument);
  EXPECT_THROW(parse_kinds("Registers"), std::invalid_argument);
}

}  // namespace
}  // namespace jemhead::engine
