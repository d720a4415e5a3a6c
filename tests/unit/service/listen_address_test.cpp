#include "service/listen_address.hpp"

#include <gtest/gtest.h>

namespace jemhead::service {
namespace {

TEST(ServiceListenAddress, ParsesIpv4AndBracketedIpv6) {
  std::string problem;
  auto v4 = parse_listen_address("127.0.0.1:8080", problem);
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->address, "127.0.0.1");
  EXPECT_EQ(v4->port, 8080);
  auto v6 = parse_listen_address("[::1]:0", problem);
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->address, "::1");
  EXPECT_EQ(v6->port, 0);
}

TEST(ServiceListenAddress, RefusesNamesMissingPortsAndJunk) {
  for (const char* bad :
       {"localhost:80", "127.0.0.1", "127.0.0.1:", ":80", "[::1]80", "127.0.0.1:80x",
        "127.0.0.1:-1", "[127.0.0.1]:80", "::1:80", "", "127.0.0.1:65536"}) {
    std::string problem;
    EXPECT_FALSE(parse_listen_address(bad, problem)) << bad;
    EXPECT_FALSE(problem.empty()) << bad;
  }
}

TEST(ServiceListenAddress, UrlsBracketIpv6) {
  EXPECT_EQ(http_url({"127.0.0.1", 8080}), "http://127.0.0.1:8080");
  EXPECT_EQ(http_url({"::1", 9000}), "http://[::1]:9000");
  EXPECT_EQ(listen_address_text({"::", 1}), "[::]:1");
}

}  // namespace
}  // namespace jemhead::service
