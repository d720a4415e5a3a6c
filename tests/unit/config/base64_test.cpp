// decode_base64: the strict RFC 4648 decoder behind the display logo's BMP size check.
#include "core/config/base64.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace jemhead::config {
namespace {

TEST(ConfigBase64, DecodesTheRfc4648TestVectors) {
  // RFC 4648 §10.
  EXPECT_EQ(decode_base64(""), std::string());
  EXPECT_EQ(decode_base64("Zg=="), std::string("f"));
  EXPECT_EQ(decode_base64("Zm8="), std::string("fo"));
  EXPECT_EQ(decode_base64("Zm9v"), std::string("foo"));
  EXPECT_EQ(decode_base64("Zm9vYg=="), std::string("foob"));
  EXPECT_EQ(decode_base64("Zm9vYmE="), std::string("fooba"));
  EXPECT_EQ(decode_base64("Zm9vYmFy"), std::string("foobar"));
}

TEST(ConfigBase64, DecodesEveryAlphabetCharacterAndHighBytes) {
  // "+/" are 62 and 63; 0xFB 0xFF 0xBF encodes as "+/+/".
  EXPECT_EQ(decode_base64("+/+/"), std::string("\xFB\xFF\xBF"));
  EXPECT_EQ(decode_base64("AAEC"), std::string("\x00\x01\x02", 3));
  EXPECT_EQ(decode_base64("Qk0="), std::string("BM"));
}

TEST(ConfigBase64, RejectsTextThatIsNotStrictBase64) {
  EXPECT_EQ(decode_base64("Zm9"), std::nullopt);        // length not a multiple of 4
  EXPECT_EQ(decode_base64("Zg"), std::nullopt);         // unpadded
  EXPECT_EQ(decode_base64("Zm9v!A=="), std::nullopt);   // not in the alphabet
  EXPECT_EQ(decode_base64("Zm-_"), std::nullopt);       // URL-safe alphabet
  EXPECT_EQ(decode_base64("Zg==Zm9v"), std::nullopt);   // padding before the end
  EXPECT_EQ(decode_base64("Z==="), std::nullopt);       // three padding characters
  EXPECT_EQ(decode_base64("Zg=v"), std::nullopt);       // data after padding
  EXPECT_EQ(decode_base64("Zm9\nYmFy"), std::nullopt);  // line breaks are not allowed
}

}  // namespace
}  // namespace jemhead::config
