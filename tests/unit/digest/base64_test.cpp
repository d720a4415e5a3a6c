// Base64 over OpenSSL (core/digest/base64.*): the RFC 4648 §10 test vectors both ways, and
// the strictness SMTP AUTH and HTTP Basic rely on, which OpenSSL's own decoder lacks.
#include "core/digest/base64.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace jemhead::digest {
namespace {

const std::vector<std::pair<std::string, std::string>> kRfc4648Vectors = {
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};

TEST(DigestBase64, EncodesRfc4648Vectors) {
  for (const auto& [plain, encoded] : kRfc4648Vectors)
    EXPECT_EQ(base64_encode(plain), encoded) << plain;
}

TEST(DigestBase64, DecodesRfc4648VectorsWithAndWithoutPadding) {
  for (const auto& [plain, encoded] : kRfc4648Vectors) {
    EXPECT_EQ(base64_decode(encoded).value_or("?"), plain) << encoded;
    std::string bare = encoded;
    while (!bare.empty() && bare.back() == '=') bare.pop_back();
    EXPECT_EQ(base64_decode(bare).value_or("?"), plain) << bare;
  }
}

TEST(DigestBase64, RoundTripsEveryByteValueAndLargeInputs) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_EQ(base64_encode(all).substr(0, 8), "AAECAwQF");
  EXPECT_EQ(base64_decode(base64_encode(all)).value_or("?"), all);
  // Longer than one OpenSSL call takes, with every remainder of 3.
  for (std::size_t extra = 0; extra < 3; ++extra) {
    std::string big(200'000 + extra, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>((i * 131) % 251);
    const auto encoded = base64_encode(big);
    EXPECT_EQ(encoded.size(), (big.size() + 2) / 3 * 4);
    EXPECT_EQ(base64_decode(encoded).value_or("?"), big) << extra;
  }
}

TEST(DigestBase64, RefusesWhatIsNotCanonicalBase64) {
  for (const char* bad : {
           "Z",         // a lone character cannot carry a byte
           "Zm9vY",     // nor can one after whole groups
           "Zg=",       // incomplete padding
           "Zm9v=",     // padding after a whole group
           "Zg===",     // too much padding
           "Z===",      // padding where a character must be
           "Zm=v",      // '=' inside
           "Zh==",      // non-zero leftover bits
           "Zm9=",      // non-zero leftover bits
           "Zm9v!",     // outside the alphabet
           "Zm 9v",     // whitespace
           " Zm9v",     // leading whitespace, which OpenSSL itself would skip
           "Zm9v\r\n",  // trailing line end, likewise
           "Zm-_",      // the URL-safe alphabet is not this one
       })
    EXPECT_FALSE(base64_decode(bad).has_value()) << '"' << bad << '"';
}

TEST(DigestBase64, DecodesBinaryCredentialsExactly) {
  // AUTH PLAIN's NUL-separated fields survive, and the length is not rounded up to 3.
  const std::string plain("\0meter\0s3cret", 13);
  EXPECT_EQ(base64_encode(plain), "AG1ldGVyAHMzY3JldA==");
  EXPECT_EQ(base64_decode("AG1ldGVyAHMzY3JldA==").value_or("?"), plain);
  EXPECT_EQ(base64_decode("AG1ldGVyAHMzY3JldA").value_or("?"), plain);
}

}  // namespace
}  // namespace jemhead::digest
