#include "net/query_string.hpp"

#include <gtest/gtest.h>

namespace jemhead::net {
namespace {

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
