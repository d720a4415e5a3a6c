#pragma once
// The REST API as a pure request -> response function over the repository. It knows
// nothing about sockets: service/ puts it behind net::HttpServer, and tests may call
// handle() directly.
#include <memory>
#include <string>
#include <vector>

#include "api/auth.hpp"
#include "net/http_server.hpp"
#include "storage/repository.hpp"

namespace prometheus {
class Registry;
}

namespace jemhead::engine {
class CollectionEngine;
class ConfigPushRunner;
class PqdifParser;
class WebhookDispatcher;
}  // namespace jemhead::engine

namespace jemhead::storage {
class FileStore;
}

namespace jemhead::api {

class MeterAccess;

struct ApiOptions {
  std::vector<ApiToken> tokens;
  std::string version = "0.0.0";  // reported by /health
  // Talking to meters (read now, presets, outputs). Empty: those routes answer 503.
  std::shared_ptr<const MeterAccess> meter_access;
  // Scheduled collection: told about fleet changes, asked to run now and for its status.
  // Null: the run-now and engine routes answer 503.
  std::shared_ptr<engine::CollectionEngine> engine;
  // Stored PQDIF originals (<data_dir>/pqdif). Null: download and upload answer 503.
  std::shared_ptr<storage::FileStore> pqdif_files;
  // Told when an upload stored a new file. Null: uploads stay pending until one runs.
  std::shared_ptr<engine::PqdifParser> pqdif_parser;
  // Told when a dead webhook delivery is queued again. Null: it goes at the next poll.
  std::shared_ptr<engine::WebhookDispatcher> webhooks;
  // Configuration pushes and read-backs (issue 8). Null: those routes answer 503.
  std::shared_ptr<engine::ConfigPushRunner> config_push;
};

struct RouteInfo {
  std::string method;         // "GET"
  std::string path_template;  // "/api/v1/meters/{id}" as written in openapi.yaml
};

class RestApi {
 public:
  RestApi(storage::Repository& repo, ApiOptions options,
          std::shared_ptr<prometheus::Registry> metrics);
  ~RestApi();
  net::HttpResponse handle(const net::HttpRequest& request);
  // Every route the API serves, for the OpenAPI coverage test.
  std::vector<RouteInfo> routes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The OpenAPI document (api/openapi.yaml), embedded at build time.
std::string_view openapi_yaml();

}  // namespace jemhead::api
