#pragma once
// RestApi behind a real HttpServer on 127.0.0.1 over a real SQLite repository, with one
// token per role. Requests go through net::http_request like any client's would.
#include <gtest/gtest.h>
#include <prometheus/registry.h>

#include <boost/json.hpp>
#include <memory>

#include "api/rest_api.hpp"
#include "net/http_client.hpp"
#include "storage/repository.hpp"
#include "tests/unit/net/server_runner.hpp"

namespace jemhead::testing {

inline constexpr const char* kViewer = "viewer-token-1";
inline constexpr const char* kOperator = "operator-token-2";
inline constexpr const char* kAdmin = "admin-token-3";

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  boost::json::value json() const { return boost::json::parse(body); }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  // The field names of a problem's "errors" list.
  std::vector<std::string> error_fields() const {
    std::vector<std::string> out;
    auto v = json();
    if (auto* errors = v.as_object().if_contains("errors"))
      for (const auto& e : errors->as_array()) out.emplace_back(e.at("field").as_string());
    return out;
  }
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = storage::open_sqlite({":memory:"});
    api::ApiOptions options;
    options.version = "9.8.7-test";
    options.tokens = {{"vera", api::Role::viewer, api::sha256_hex(kViewer)},
                      {"otto", api::Role::operator_, api::sha256_hex(kOperator)},
                      // Upper-case hex in the configuration must work too.
                      {"ada", api::Role::admin, upper(api::sha256_hex(kAdmin))}};
    configure(options);
    registry_ = std::make_shared<prometheus::Registry>();
    api_ = std::make_unique<api::RestApi>(*repo_, options, registry_);
    net::HttpServerOptions server;
    server.listen = {net::Endpoint{"127.0.0.1", 0}};
    runner_ = std::make_unique<ServerRunner>(
        server, [this](const net::HttpRequest& r) { return api_->handle(r); });
  }
  // Lets a test binary add what its routes need (a file store...) before the API starts.
  virtual void configure(api::ApiOptions&) {}

  void TearDown() override {
    runner_.reset();
    api_.reset();
    repo_->close();
  }

  Reply call(const std::string& method, const std::string& target, const std::string& token,
             const std::string& body = "", const std::string& content_type = "application/json") {
    net::HttpHeaders headers;
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    if (!body.empty() && !content_type.empty()) headers["Content-Type"] = content_type;
    auto r = net::http_request("127.0.0.1", runner_->port(), method, target, body, headers);
    return Reply{r.status, r.headers, r.body};
  }

  // Creates and returns a meter's id (asserting 201).
  std::int64_t create_meter(const std::string& body) {
    auto r = call("POST", "/api/v1/meters", kOperator, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }
  std::int64_t create_group(const std::string& name) {
    auto r = call("POST", "/api/v1/groups", kOperator, R"({"name":")" + name + R"("})");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }

  std::int64_t meter_count() { return repo_->count_meters({}); }
  std::size_t audit_count() { return repo_->audit({}, storage::Page{0, 100000}).size(); }

  static std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }

  std::unique_ptr<storage::Repository> repo_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<api::RestApi> api_;
  std::unique_ptr<ServerRunner> runner_;
};

}  // namespace jemhead::testing
