// Counters: 32-bit pairs, high word first, display value × scale factor.
#include <gtest/gtest.h>

#include "drivers/protocol/modbus/point_decode.hpp"
#include "drivers/protocol/modbus/words.hpp"

namespace jemhead::modbus {
namespace {

CounterPoint counter(double scale_factor, bool is_signed = false) {
  CounterPoint p;
  p.scale_factor = scale_factor;
  p.is_signed = is_signed;
  return p;
}

TEST(Words, HighWordFirst) {
  EXPECT_EQ(combine_words(0x0001, 0x86A0), 100000u);
  EXPECT_EQ(split_words(100000u), (std::array<std::uint16_t, 2>{0x0001, 0x86A0}));
  EXPECT_EQ(combine_words(0xFFFF, 0xFFFF), 0xFFFFFFFFu);
}

TEST(CounterScaling, ScaleFactorOneIsTheDisplayValue) {
  EXPECT_DOUBLE_EQ(decode_counter(counter(1), 0x0001, 0x86A0), 100000);
  EXPECT_DOUBLE_EQ(decode_counter(counter(1), 0xFFFF, 0xFFFF), 4294967295.0);
}

TEST(CounterScaling, FactoryDefaultThousandthScaling) {
  // Appendix C "0.001 scaling" on Wh (L13700): the meter sends kWh; decoding divides by
  // the factor and gives Wh back at kWh resolution.
  const auto wh = counter(0.001);
  const auto words = encode_counter(wh, 1234567);       // Wh in the display register
  EXPECT_EQ(combine_words(words[0], words[1]), 1235u);  // 1234.567 kWh rounds to 1235
  EXPECT_DOUBLE_EQ(decode_counter(wh, words[0], words[1]), 1235000);
}

TEST(CounterScaling, IntegerFactorsMultiplyOnTheMeter) {
  const auto c = counter(100);
  const auto words = encode_counter(c, 12.34);
  EXPECT_EQ(combine_words(words[0], words[1]), 1234u);
  EXPECT_DOUBLE_EQ(decode_counter(c, words[0], words[1]), 12.34);
}

TEST(CounterScaling, SignedCountersDecodeTwosComplement) {
  EXPECT_DOUBLE_EQ(decode_counter(counter(1, true), 0xFFFF, 0xFFFE), -2);
  EXPECT_DOUBLE_EQ(decode_counter(counter(1, false), 0xFFFF, 0xFFFE), 4294967294.0);
  EXPECT_EQ(encode_counter(counter(1, true), -2), (std::array<std::uint16_t, 2>{0xFFFF, 0xFFFE}));
}

TEST(CounterScaling, EncodingClampsToTheRangeOfTheSignedness) {
  EXPECT_EQ(encode_counter(counter(1), -5), (std::array<std::uint16_t, 2>{0, 0}));
  EXPECT_EQ(encode_counter(counter(1), 1e12), (std::array<std::uint16_t, 2>{0xFFFF, 0xFFFF}));
  EXPECT_EQ(encode_counter(counter(1, true), 1e12), (std::array<std::uint16_t, 2>{0x7FFF, 0xFFFF}));
  EXPECT_EQ(encode_counter(counter(1, true), -1e12),
            (std::array<std::uint16_t, 2>{0x8000, 0x0000}));
}

TEST(DiscreteInputs, PolarityInvertsActiveLowPoints) {
  DiscreteInputPoint p;
  EXPECT_TRUE(decode_discrete(p, true));
  EXPECT_FALSE(decode_discrete(p, false));
  p.polarity = Polarity::active_low;
  EXPECT_FALSE(decode_discrete(p, true));
  EXPECT_TRUE(decode_discrete(p, false));
}

}  // namespace
}  // namespace jemhead::modbus
