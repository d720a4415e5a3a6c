#include "api/router.hpp"

#include <gtest/gtest.h>

namespace jemhead::api {
namespace {

net::HttpResponse named(std::string name) {
  net::HttpResponse r;
  r.body = std::move(name);
  return r;
}

Router sample() {
  Router r;
  r.add({"GET", "/api/v1/meters", Role::viewer, [](Call&) { return named("list"); }});
  r.add({"POST", "/api/v1/meters", Role::operator_, [](Call&) { return named("create"); }});
  r.add({"GET", "/api/v1/meters/{id}", Role::viewer, [](Call&) { return named("get"); }});
  r.add({"DELETE", "/api/v1/meters/{id}", Role::admin, [](Call&) { return named("delete"); }});
  r.add({"GET", "/api/v1/meters/{id}/connections/{cid}", Role::viewer,
         [](Call&) { return named("connection"); }});
  r.add({"GET", "/health", std::nullopt, [](Call&) { return named("health"); }});
  return r;
}

TEST(Router, MatchesMethodAndTemplateAndExtractsParameters) {
  auto router = sample();
  auto m = router.match("GET", "/api/v1/meters/12/connections/7");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->path_template, "/api/v1/meters/{id}/connections/{cid}");
  EXPECT_EQ(m.params.at("id"), "12");
  EXPECT_EQ(m.params.at("cid"), "7");

  auto d = router.match("DELETE", "/api/v1/meters/5");
  ASSERT_NE(d.route, nullptr);
  EXPECT_EQ(d.route->role, Role::admin);
  EXPECT_EQ(d.params.at("id"), "5");

  auto h = router.match("GET", "/health");
  ASSERT_NE(h.route, nullptr);
  EXPECT_FALSE(h.route->role.has_value());
}

TEST(Router, KnownPathWithWrongMethodListsTheAllowedOnes) {
  auto router = sample();
  auto m = router.match("PUT", "/api/v1/meters");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"GET", "POST"}));
}

TEST(Router, UnknownPathsMatchNothing) {
  auto router = sample();
  for (const char* path : {"/api/v1/meters/", "/api/v1/meters//connections/1", "/api/v1",
                           "/api/v1/meters/1/extra", "", "health", "/HEALTH"}) {
    auto m = router.match("GET", path);
    EXPECT_EQ(m.route, nullptr) << path;
    EXPECT_TRUE(m.allowed_methods.empty()) << path;
  }
}

TEST(Router, RefusesDuplicateRoutes) {
  auto router = sample();
  EXPECT_THROW(router.add({"GET", "/health", std::nullopt, [](Call&) { return named("x"); }}),
               std::invalid_argument);
  EXPECT_EQ(router.routes().size(), 6u);
}

}  // namespace
}  // namespace jemhead::api
