// Character times and the Modbus RTU t1.5 / t3.5 rules, and the silence detector.
#include "drivers/transport/silence.hpp"

#include <gtest/gtest.h>

namespace jemhead::transport {
namespace {

using namespace std::chrono_literals;
using std::chrono::microseconds;

TEST(SilenceTiming, CharacterTimesAtTheMetersBaudRates) {
  // 11 bits per RTU character: 9600 baud -> 1145.83 µs, rounded up.
  EXPECT_EQ(character_time(9600), microseconds{1146});
  EXPECT_EQ(character_time(1200), microseconds{9167});
  EXPECT_EQ(character_time(9600, 10), microseconds{1042});
  EXPECT_EQ(wire_time(8, 9600), microseconds{8334});  // 80 bits
  EXPECT_EQ(wire_time(0, 9600), microseconds{0});
  EXPECT_THROW(character_time(0), std::invalid_argument);
}

TEST(SilenceTiming, InterFrameGapIsThreeAndAHalfCharactersUpTo19200) {
  EXPECT_EQ(rtu_inter_frame_gap(1200), microseconds{32084});  // 32083.3
  EXPECT_EQ(rtu_inter_frame_gap(9600), microseconds{4011});   // 4010.4
  EXPECT_EQ(rtu_inter_frame_gap(19200), microseconds{2006});  // 2005.2
  // Above 19200 the spec fixes t3.5 at 1.75 ms and t1.5 at 750 µs.
  EXPECT_EQ(rtu_inter_frame_gap(38400), microseconds{1750});
  EXPECT_EQ(rtu_inter_character_gap(9600), microseconds{1719});  // 1718.75
  EXPECT_EQ(rtu_inter_character_gap(38400), microseconds{750});
}

TEST(SilenceDetector, ReportsSilenceOnlyAfterBytesAndTheGap) {
  SilenceDetector d(4ms);
  const auto t0 = Clock::now();
  const auto limit = t0 + 1s;
  EXPECT_FALSE(d.silent(t0 + 10s));  // nothing received: no burst to end
  EXPECT_EQ(d.next_deadline(limit), limit);

  d.on_bytes(t0);
  EXPECT_EQ(d.next_deadline(limit), t0 + 4ms);
  EXPECT_FALSE(d.silent(t0 + 3ms));
  EXPECT_TRUE(d.silent(t0 + 4ms));
  EXPECT_EQ(d.next_deadline(t0 + 1ms), t0 + 1ms);  // capped at the request's deadline

  d.on_bytes(t0 + 3ms);  // more bytes push the silence point out
  EXPECT_FALSE(d.silent(t0 + 5ms));
  EXPECT_TRUE(d.silent(t0 + 7ms));
  d.reset();
  EXPECT_FALSE(d.silent(t0 + 1s));
  EXPECT_FALSE(d.last_byte().has_value());
}

}  // namespace
}  // namespace jemhead::transport
