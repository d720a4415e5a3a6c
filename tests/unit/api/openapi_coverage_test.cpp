// Every route the server registers is in api/openapi.yaml, and every operation in the
// document is a route: the document cannot drift from the code.
#include <gtest/gtest.h>
#include <prometheus/registry.h>
#include <yaml-cpp/yaml.h>

#include <cstring>
#include <fstream>
#include <map>
#include <set>

#include "api/rest_api.hpp"

namespace jemhead::api {
namespace {

using Operation = std::pair<std::string, std::string>;  // method, path template

std::set<Operation> documented() {
  const auto doc = YAML::Load(std::string(openapi_yaml()));
  std::set<Operation> out;
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      auto method = op.first.as<std::string>();
      if (method == "parameters" || method == "summary" || method == "description") continue;
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.emplace(method, path.first.as<std::string>());
    }
  }
  return out;
}

std::set<Operation> served() {
  auto repo = storage::open_sqlite({":memory:"});
  RestApi api(*repo, {}, std::make_shared<prometheus::Registry>());
  std::set<Operation> out;
  for (const auto& r : api.routes()) out.emplace(r.method, r.path_template);
  return out;
}

TEST(OpenApiCoverage, EveryRouteIsDocumentedAndEveryOperationIsServed) {
  const auto doc = documented();
  const auto routes = served();
  ASSERT_GE(routes.size(), 20u);
  for (const auto& r : routes)
    EXPECT_TRUE(doc.contains(r)) << r.first << " " << r.second << " is served but not documented";
  for (const auto& d : doc)
    EXPECT_TRUE(routes.contains(d))
        << d.first << " " << d.second << " is documented but not served";
}

// The role table in the document is what the server enforces: for each operation, a token
// one role too low gets 403 and a token of the documented role gets past authorization.
TEST(OpenApiCoverage, DocumentedRolesAreTheEnforcedRoles) {
  const auto doc = YAML::Load(std::string(openapi_yaml()));
  EXPECT_EQ(doc["openapi"].as<std::string>(), "3.1.0");
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["scheme"].as<std::string>(),
            "bearer");

  auto repo = storage::open_sqlite({":memory:"});
  ApiOptions options;
  options.tokens = {{"v", Role::viewer, sha256_hex("v")},
                    {"o", Role::operator_, sha256_hex("o")},
                    {"a", Role::admin, sha256_hex("a")}};
  RestApi api(*repo, options, std::make_shared<prometheus::Registry>());
  const std::map<Role, std::string> token_of{
      {Role::viewer, "v"}, {Role::operator_, "o"}, {Role::admin, "a"}};

  auto request = [&](const std::string& method, std::string path, const std::string& token) {
    for (const char* param : {"{id}", "{cid}"})
      if (auto at = path.find(param); at != std::string::npos)
        path.replace(at, std::strlen(param), "1");
    net::HttpRequest r;
    r.method = method;
    r.path = r.target = path;
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    r.headers["content-type"] = "application/json";
    r.body = "{}";
    return api.handle(r).status;
  };

  int operations = 0;
  for (const auto& path : doc["paths"]) {
    const auto p = path.first.as<std::string>();
    for (const auto& op : path.second) {
      auto method = op.first.as<std::string>();
      if (method == "parameters") continue;
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      ++operations;
      const auto role_text = op.second["x-required-role"].as<std::string>();
      if (role_text == "none") {
        EXPECT_EQ(request(method, p, ""), 200) << method << " " << p;
        continue;
      }
      const auto role = from_text<Role>(role_text);
      ASSERT_TRUE(role) << method << " " << p << ": x-required-role " << role_text;
      EXPECT_EQ(request(method, p, ""), 401) << method << " " << p;
      const auto allowed = request(method, p, token_of.at(*role));
      EXPECT_NE(allowed, 401) << method << " " << p;
      EXPECT_NE(allowed, 403) << method << " " << p;
      if (*role != Role::viewer) {
        const auto below = static_cast<Role>(static_cast<int>(*role) - 1);
        EXPECT_EQ(request(method, p, token_of.at(below)), 403) << method << " " << p;
      }
    }
  }
  EXPECT_GE(operations, 20);
}

TEST(OpenApiCoverage, TheEmbeddedDocumentIsTheFileInTheRepository) {
  std::ifstream in(std::string(JEMHEAD_SOURCE_DIR) + "/api/openapi.yaml", std::ios::binary);
  ASSERT_TRUE(in) << "cannot read api/openapi.yaml";
  const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(file, std::string(openapi_yaml()));
}

}  // namespace
}  // namespace jemhead::api
