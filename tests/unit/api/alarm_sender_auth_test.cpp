// Who may post web alarms: every credential rule, the 401/403 split, the order of senders,
// and address ranges (IPv4, IPv6, IPv4-mapped, malformed).
#include "api/alarm_sender_auth.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "api/auth.hpp"

namespace jemhead::api {
namespace {

// "Basic " + base64("meter:s3cret") etc., written out so the test does not share the
// decoder it checks.
constexpr const char* kBasicMeterSecret = "Basic bWV0ZXI6czNjcmV0";    // meter:s3cret
constexpr const char* kBasicMeterWrong = "Basic bWV0ZXI6d3Jvbmc=";     // meter:wrong
constexpr const char* kBasicOtherSecret = "Basic b3RoZXI6czNjcmV0";    // other:s3cret
constexpr const char* kBasicColonPassword = "Basic bWV0ZXI6YTpiOmM=";  // meter:a:b:c
constexpr const char* kBasicNoColon = "Basic bWV0ZXI=";                // meter

net::HttpRequest request_from(std::string peer, std::string authorization = {}, bool tls = false,
                              std::string subject = {}) {
  net::HttpRequest r;
  r.method = "POST";
  r.path = "/ingest/web-alarm";
  r.peer_address = std::move(peer);
  if (!authorization.empty()) r.headers["authorization"] = std::move(authorization);
  r.tls = tls;
  r.client_certificate_subject = std::move(subject);
  return r;
}

AlarmSender token_sender(std::string name, std::string token) {
  AlarmSender s;
  s.name = std::move(name);
  s.url_token_sha256 = sha256_hex(token);
  return s;
}

AlarmSender basic_sender(std::string name, std::string user, std::string password) {
  AlarmSender s;
  s.name = std::move(name);
  s.basic_user = std::move(user);
  s.basic_password_sha256 = sha256_hex(password);
  return s;
}

AlarmSender cert_sender(std::string name, std::string subject) {
  AlarmSender s;
  s.name = std::move(name);
  s.client_certificate_subject = std::move(subject);
  return s;
}

AlarmSender address_sender(std::string name, std::vector<std::string> ranges) {
  AlarmSender s;
  s.name = std::move(name);
  s.allow_addresses = std::move(ranges);
  return s;
}

struct Case {
  const char* what;
  net::HttpRequest request;
  std::string url_token;
  bool ok;
  int status;               // checked when refused
  const char* sender_name;  // checked when accepted; "" = anonymous
};

void check_cases(const AlarmSenderPolicy& policy, const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const auto result = check_alarm_sender(policy, c.request, c.url_token);
    EXPECT_EQ(result.ok, c.ok);
    EXPECT_FALSE(result.reason.empty());
    if (c.ok) {
      if (std::string(c.sender_name).empty()) {
        EXPECT_EQ(result.sender, nullptr);
      } else {
        ASSERT_NE(result.sender, nullptr);
        EXPECT_EQ(result.sender->name, c.sender_name);
      }
    } else {
      EXPECT_EQ(result.sender, nullptr);
      EXPECT_EQ(result.status, c.status);
    }
  }
}

TEST(AlarmSenderAuth, UrlTokenMatchesByDigest) {
  AlarmSenderPolicy policy;
  policy.senders = {token_sender("fleet-a", "tok-A-123")};
  // Digests configured in upper case still match.
  auto upper = token_sender("fleet-b", "tok-B-456");
  std::transform(upper.url_token_sha256.begin(), upper.url_token_sha256.end(),
                 upper.url_token_sha256.begin(), [](unsigned char c) { return std::toupper(c); });
  policy.senders.push_back(upper);
  check_cases(policy,
              {
                  {"right token", request_from("127.0.0.1"), "tok-A-123", true, 0, "fleet-a"},
                  {"upper-case digest", request_from("127.0.0.1"), "tok-B-456", true, 0, "fleet-b"},
                  {"wrong token", request_from("127.0.0.1"), "tok-A-124", false, 401, ""},
                  {"no token", request_from("127.0.0.1"), "", false, 401, ""},
                  {"the digest itself as token", request_from("127.0.0.1"), sha256_hex("tok-A-123"),
                   false, 401, ""},
              });
}

TEST(AlarmSenderAuth, BasicNeedsUserAndPassword) {
  AlarmSenderPolicy policy;
  policy.senders = {basic_sender("meter-basic", "meter", "s3cret"),
                    basic_sender("colon-password", "meter", "a:b:c")};
  check_cases(
      policy,
      {
          {"right user and password", request_from("127.0.0.1", kBasicMeterSecret), "", true, 0,
           "meter-basic"},
          {"scheme in lower case", request_from("127.0.0.1", "basic bWV0ZXI6czNjcmV0"), "", true, 0,
           "meter-basic"},
          {"password with colons", request_from("127.0.0.1", kBasicColonPassword), "", true, 0,
           "colon-password"},
          {"wrong password", request_from("127.0.0.1", kBasicMeterWrong), "", false, 401, ""},
          {"wrong user", request_from("127.0.0.1", kBasicOtherSecret), "", false, 401, ""},
          {"no colon", request_from("127.0.0.1", kBasicNoColon), "", false, 401, ""},
          {"bearer scheme", request_from("127.0.0.1", "Bearer bWV0ZXI6czNjcmV0"), "", false, 401,
           ""},
          {"not base64", request_from("127.0.0.1", "Basic !!!!"), "", false, 401, ""},
          {"no header", request_from("127.0.0.1"), "", false, 401, ""},
          {"url token instead", request_from("127.0.0.1"), "s3cret", false, 401, ""},
      });
}

TEST(AlarmSenderAuth, ClientCertificateSubjectOnlyCountsOverTls) {
  AlarmSenderPolicy policy;
  policy.senders = {cert_sender("meter-cert", "CN=meter-1,O=Utility")};
  check_cases(
      policy,
      {
          {"verified subject over TLS", request_from("127.0.0.1", "", true, "CN=meter-1,O=Utility"),
           "", true, 0, "meter-cert"},
          {"other subject", request_from("127.0.0.1", "", true, "CN=meter-2,O=Utility"), "", false,
           401, ""},
          {"subject without TLS", request_from("127.0.0.1", "", false, "CN=meter-1,O=Utility"), "",
           false, 401, ""},
          {"TLS without a certificate", request_from("127.0.0.1", "", true, ""), "", false, 401,
           ""},
          {"subject is case sensitive", request_from("127.0.0.1", "", true, "cn=meter-1,o=utility"),
           "", false, 401, ""},
      });
}

TEST(AlarmSenderAuth, EveryConfiguredCredentialMustMatch) {
  auto both = basic_sender("token-and-basic", "meter", "s3cret");
  both.url_token_sha256 = sha256_hex("tok-A-123");
  both.client_certificate_subject = "CN=meter-1";
  AlarmSenderPolicy policy;
  policy.senders = {both};
  check_cases(policy,
              {
                  {"all three", request_from("127.0.0.1", kBasicMeterSecret, true, "CN=meter-1"),
                   "tok-A-123", true, 0, "token-and-basic"},
                  {"no certificate", request_from("127.0.0.1", kBasicMeterSecret), "tok-A-123",
                   false, 401, ""},
                  {"no basic", request_from("127.0.0.1", "", true, "CN=meter-1"), "tok-A-123",
                   false, 401, ""},
                  {"no token", request_from("127.0.0.1", kBasicMeterSecret, true, "CN=meter-1"), "",
                   false, 401, ""},
              });
}

TEST(AlarmSenderAuth, AllowListGives403ForRightCredentialsFromElsewhere) {
  auto pinned = token_sender("pinned", "tok-A-123");
  pinned.allow_addresses = {"10.0.0.0/8", "::1"};
  AlarmSenderPolicy policy;
  policy.senders = {pinned};
  check_cases(
      policy,
      {
          {"allowed v4", request_from("10.20.30.40"), "tok-A-123", true, 0, "pinned"},
          {"allowed v6", request_from("::1"), "tok-A-123", true, 0, "pinned"},
          {"allowed mapped", request_from("::ffff:10.1.1.1"), "tok-A-123", true, 0, "pinned"},
          {"right token, wrong address", request_from("127.0.0.1"), "tok-A-123", false, 403, ""},
          {"wrong token, wrong address", request_from("127.0.0.1"), "nope", false, 401, ""},
          {"wrong token, right address", request_from("10.0.0.1"), "nope", false, 401, ""},
          {"no peer address", request_from(""), "tok-A-123", false, 403, ""},
      });
}

TEST(AlarmSenderAuth, AddressOnlySendersAndTheirRefusal) {
  AlarmSenderPolicy policy;
  policy.senders = {address_sender("substation-lan", {"198.51.100.0/24", "fd00::/8"})};
  check_cases(policy,
              {
                  {"inside v4", request_from("198.51.100.77"), "", true, 0, "substation-lan"},
                  {"inside v6", request_from("fd12:3456::9"), "", true, 0, "substation-lan"},
                  {"outside v4", request_from("198.51.101.1"), "", false, 403, ""},
                  {"outside v6", request_from("fe80::1"), "", false, 403, ""},
              });
  // With a credentialed sender next to it, credentials could help: 401 invites them.
  policy.senders.push_back(token_sender("fleet", "tok-A-123"));
  check_cases(policy,
              {
                  {"outside, no token", request_from("127.0.0.1"), "", false, 401, ""},
                  {"outside, token", request_from("127.0.0.1"), "tok-A-123", true, 0, "fleet"},
              });
}

TEST(AlarmSenderAuth, SendersAreTriedInOrder) {
  auto first = token_sender("first", "shared");
  first.meter_serial = "140800001";
  auto second = token_sender("second", "shared");
  auto elsewhere = token_sender("pinned-elsewhere", "pinned");
  elsewhere.allow_addresses = {"10.0.0.0/8"};
  auto fallback = token_sender("pinned-local", "pinned");
  fallback.allow_addresses = {"127.0.0.0/8"};
  AlarmSenderPolicy policy;
  policy.senders = {first, second, elsewhere, fallback};
  const auto r = check_alarm_sender(policy, request_from("127.0.0.1"), "shared");
  ASSERT_TRUE(r.ok);
  ASSERT_NE(r.sender, nullptr);
  EXPECT_EQ(r.sender, &policy.senders[0]);
  EXPECT_EQ(r.sender->meter_serial, "140800001");
  // The first sender refuses the address, a later one with the same token accepts it.
  const auto later = check_alarm_sender(policy, request_from("127.0.0.1"), "pinned");
  ASSERT_TRUE(later.ok);
  EXPECT_EQ(later.sender, &policy.senders[3]);
}

TEST(AlarmSenderAuth, SenderWithoutAnyRuleMatchesEveryone) {
  AlarmSenderPolicy policy;
  AlarmSender open;
  open.name = "open";
  policy.senders = {token_sender("fleet", "tok-A-123"), open};
  check_cases(policy,
              {
                  {"token still names its sender", request_from("127.0.0.1"), "tok-A-123", true, 0,
                   "fleet"},
                  {"anyone else is 'open'", request_from("203.0.113.9"), "", true, 0, "open"},
              });
}

TEST(AlarmSenderAuth, AnonymousPolicyAndEmptyPolicy) {
  AlarmSenderPolicy empty;
  check_cases(empty,
              {{"no senders, not anonymous", request_from("127.0.0.1"), "", false, 401, ""}});

  AlarmSenderPolicy anonymous;
  anonymous.allow_anonymous = true;
  auto pinned = token_sender("pinned", "tok-A-123");
  pinned.allow_addresses = {"10.0.0.0/8"};
  anonymous.senders = {pinned};
  check_cases(
      anonymous,
      {
          {"no credentials", request_from("127.0.0.1"), "", true, 0, ""},
          {"matching sender still named", request_from("10.0.0.1"), "tok-A-123", true, 0, "pinned"},
          {"right token, wrong address", request_from("127.0.0.1"), "tok-A-123", true, 0, ""},
      });
}

TEST(AlarmSenderAuth, ReasonNeverEchoesSecrets) {
  auto s = basic_sender("meter-basic", "meter", "s3cret");
  s.url_token_sha256 = sha256_hex("tok-A-123");
  s.allow_addresses = {"10.0.0.0/8"};
  AlarmSenderPolicy policy;
  policy.senders = {s};
  const std::vector<std::string> secrets = {
      "tok-A-123",         "s3cret", "wrong", "bWV0ZXI6czNjcmV0", sha256_hex("tok-A-123"),
      sha256_hex("s3cret")};
  const std::vector<std::pair<std::string, std::string>> attempts = {
      {"127.0.0.1", "tok-A-123"}, {"10.0.0.1", "wrong"}, {"127.0.0.1", "wrong"}};
  for (const auto& [peer, token] : attempts) {
    const auto r = check_alarm_sender(policy, request_from(peer, kBasicMeterSecret), token);
    SCOPED_TRACE(r.reason);
    EXPECT_FALSE(r.ok);
    for (const auto& secret : secrets) EXPECT_EQ(r.reason.find(secret), std::string::npos);
  }
  const auto refused =
      check_alarm_sender(policy, request_from("127.0.0.1", kBasicMeterSecret), "tok-A-123");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.reason.find("meter-basic"), std::string::npos);
  EXPECT_NE(refused.reason.find("127.0.0.1"), std::string::npos);
}

struct RangeCase {
  const char* address;
  const char* range;
  std::optional<bool> expected;
};

TEST(AlarmSenderAuth, AddressRanges) {
  const std::vector<RangeCase> cases = {
      // IPv4
      {"10.1.2.3", "10.0.0.0/8", true},
      {"11.1.2.3", "10.0.0.0/8", false},
      {"192.0.2.7", "192.0.2.7", true},
      {"192.0.2.8", "192.0.2.7", false},
      {"192.0.2.7", "192.0.2.7/32", true},
      {"172.16.5.4", "172.16.0.0/12", true},
      {"172.32.0.1", "172.16.0.0/12", false},
      {"192.0.2.129", "192.0.2.128/25", true},
      {"192.0.2.127", "192.0.2.128/25", false},
      {"8.8.8.8", "0.0.0.0/0", true},
      {"10.9.9.9", "10.1.2.3/8", true},  // host bits in the range are ignored
      // IPv6
      {"::1", "::1", true},
      {"::2", "::1", false},
      {"fd00::1234", "fd00::/8", true},
      {"fe80::1", "fd00::/8", false},
      {"2001:db8:1:2::5", "2001:db8::/32", true},
      {"2001:db9::5", "2001:db8::/32", false},
      {"2001:db8::1", "2001:db8::/127", true},
      {"2001:db8::2", "2001:db8::/127", false},
      {"2001:db8::1", "::/0", true},
      // IPv4-mapped IPv6 against IPv4 ranges, and mapped ranges
      {"::ffff:127.0.0.1", "127.0.0.0/8", true},
      {"::ffff:127.0.0.1", "127.0.0.1", true},
      {"::ffff:128.0.0.1", "127.0.0.0/8", false},
      {"127.0.0.1", "::ffff:127.0.0.0/104", true},
      {"::ffff:10.0.0.1", "::ffff:10.0.0.0/104", true},
      {"11.0.0.1", "::ffff:10.0.0.0/104", false},
      // families do not mix otherwise
      {"127.0.0.1", "::1", false},
      {"::1", "127.0.0.1", false},
      {"127.0.0.1", "::/0", false},
      {"::1", "0.0.0.0/0", false},
      // malformed: nullopt
      {"not-an-ip", "10.0.0.0/8", std::nullopt},
      {"", "10.0.0.0/8", std::nullopt},
      {"10.1.2.3", "10.0.0.0/33", std::nullopt},
      {"10.1.2.3", "10.0.0.0/", std::nullopt},
      {"10.1.2.3", "10.0.0.0/-1", std::nullopt},
      {"10.1.2.3", "10.0.0.0/8x", std::nullopt},
      {"10.1.2.3", "10.0.0/8", std::nullopt},
      {"10.1.2.3", "example.org", std::nullopt},
      {"10.1.2.3", "", std::nullopt},
      {"::1", "::/129", std::nullopt},
      {"::1", "::1/1/2", std::nullopt},
      {"127.0.0.1", "::ffff:127.0.0.0/95", std::nullopt},
      {"10.1.2.3", "10.0.0.0/8 ", true},  // surrounding blanks from a config file are trimmed
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.address) + " in " + c.range);
    EXPECT_EQ(address_in_range(c.address, c.range), c.expected);
  }
}

TEST(AlarmSenderAuth, MalformedRangeInAnAllowListMatchesNothing) {
  AlarmSenderPolicy policy;
  policy.senders = {address_sender("typo", {"10.0.0.0/33", "bogus"}),
                    address_sender("lan", {"10.0.0.0/8"})};
  const auto r = check_alarm_sender(policy, request_from("10.1.1.1"), "");
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.sender->name, "lan");
  const auto only_typo = AlarmSenderPolicy{{policy.senders[0]}, false};
  EXPECT_EQ(check_alarm_sender(only_typo, request_from("10.1.1.1"), "").status, 403);
}

}  // namespace
}  // namespace jemhead::api
