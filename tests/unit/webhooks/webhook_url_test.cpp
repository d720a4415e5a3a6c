// Webhook URLs (engine/webhook_url.hpp): what the API accepts and where the dispatcher
// connects.
#include "engine/webhook_url.hpp"

#include <gtest/gtest.h>

namespace jemhead::engine {
namespace {

TEST(WebhookUrl, SchemeHostPortAndTarget) {
  auto u = parse_webhook_url("https://hooks.example.net/a/b?c=1#frag");
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->https);
  EXPECT_EQ(u->host, "hooks.example.net");
  EXPECT_EQ(u->port, 443);
  EXPECT_EQ(u->target, "/a/b?c=1");
  u = parse_webhook_url("HTTP://127.0.0.1:8080");
  ASSERT_TRUE(u);
  EXPECT_FALSE(u->https);
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->target, "/");
  u = parse_webhook_url("http://[::1]:9000?x=y");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, 9000);
  EXPECT_EQ(u->target, "/?x=y");
}

TEST(WebhookUrl, RefusesWhatCannotBePostedTo) {
  std::string why;
  for (const char* bad :
       {"", "ftp://h/", "hooks.example.net/x", "http://", "http://:80/", "http://h:0/",
        "http://h:65536/", "http://h:/", "http://user:pw@h/", "http://h/a b", "http://h/\r\n",
        "http://[::1/", "http://[zz]/", "http://h_a$b/"}) {
    why.clear();
    EXPECT_FALSE(parse_webhook_url(bad, &why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
  EXPECT_FALSE(parse_webhook_url("http://h/" + std::string(kWebhookUrlMaxBytes, 'a')));
}

}  // namespace
}  // namespace jemhead::engine
