#include "net/query_string.hpp"

#include <gtest/gtest.h>

namespace jemhead::net {
namespace {

TEST(PercentEncode, EscapesAllButUnreservedAndRoundTrips) {
  EXPECT_EQ(percent_encode("142300003_1454408745_133724_07.pqd"),
            "142300003_1454408745_133724_07.pqd");
  EXPECT_EQ(percent_encode("a b/c?d%e~"), "a%20b%2Fc%3Fd%25e~");
  EXPECT_EQ(percent_encode("\xc3\xa9"), "%C3%A9");
  const std::string every_byte = [] {
    std::string s;
    for (int c = 0; c < 256; ++c) s += static_cast<char>(c);
    return s;
  }();
  EXPECT_EQ(percent_decode(percent_encode(every_byte)), every_byte);
}

TEST(PercentDecode, DecodesEscapesInBothCases) {
  EXPECT_EQ(percent_decode("%41b%2f%2F"), "Ab//");
  EXPECT_EQ(percent_decode("caf%C3%A9"), "caf\xC3\xA9");
}

TEST(PercentDecode, PlusIsSpaceOnlyInQueries) {
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("a%2Bb", true), "a+b");
}

TEST(PercentDecode, MalformedEscapesStayLiteral) {
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%4"), "%4");
  EXPECT_EQ(percent_decode("%zz%41"), "%zzA");
  EXPECT_EQ(percent_decode("%%41"), "%A");
}

TEST(ParseQuery, SplitsDecodesAndLastValueWins) {
  auto q = parse_query("a=1&b=x%20y&a=2&flag&&c=d%3De&name=J%C3%BCrgen+M");
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q["a"], "2");
  EXPECT_EQ(q["b"], "x y");
  EXPECT_EQ(q["flag"], "");
  EXPECT_EQ(q["c"], "d=e");
  EXPECT_EQ(q["name"], "J\xC3\xBCrgen M");
}

TEST(ParseQuery, EmptyQueryHasNoParameters) {
  EXPECT_TRUE(parse_query("").empty());
  EXPECT_TRUE(parse_query("&&&").empty());
}

}  // namespace
}  // namespace jemhead::net
