#include "api/auth.hpp"

#include <gtest/gtest.h>

namespace jemhead::api {
namespace {

TEST(Sha256Hex, MatchesTheFipsTestVectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

std::vector<ApiToken> tokens() {
  return {{"alice", Role::viewer, sha256_hex("alice-token")},
          {"bob", Role::admin, sha256_hex("bob-token")}};
}

TEST(Authenticate, FindsThePrincipalOfABearerToken) {
  auto p = authenticate(tokens(), "Bearer bob-token");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "bob");
  EXPECT_EQ(p->role, Role::admin);
  auto a = authenticate(tokens(), "bearer   alice-token  ");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->name, "alice");
  EXPECT_EQ(a->role, Role::viewer);
}

TEST(Authenticate, RefusesEverythingElse) {
  EXPECT_FALSE(authenticate(tokens(), ""));
  EXPECT_FALSE(authenticate(tokens(), "Bearer"));
  EXPECT_FALSE(authenticate(tokens(), "Bearer "));
  EXPECT_FALSE(authenticate(tokens(), "Bearer wrong-token"));
  EXPECT_FALSE(authenticate(tokens(), "Basic YWxpY2U6eA=="));
  EXPECT_FALSE(authenticate(tokens(), "Bearerbob-token"));
  EXPECT_FALSE(
      authenticate(tokens(), "Bearer " + sha256_hex("bob-token")));  // the hash is no token
  EXPECT_FALSE(authenticate(tokens(), "Bearer " + std::string(10000, 'x')));
  EXPECT_FALSE(authenticate({}, "Bearer bob-token"));
}

TEST(Roles, EachRoleIncludesTheOnesBeforeIt) {
  EXPECT_TRUE(allows(Role::admin, Role::viewer));
  EXPECT_TRUE(allows(Role::admin, Role::operator_));
  EXPECT_TRUE(allows(Role::operator_, Role::operator_));
  EXPECT_FALSE(allows(Role::operator_, Role::admin));
  EXPECT_FALSE(allows(Role::viewer, Role::operator_));
  EXPECT_EQ(to_text(Role::operator_), "operator");
  EXPECT_EQ(from_text<Role>("admin"), Role::admin);
}

}  // namespace
}  // namespace jemhead::api
