#include "tests/integration/support/daemons.hpp"

#include <csignal>
#include <stdexcept>

#include "net/http_client.hpp"

namespace jemhead::testing {

namespace json = boost::json;

json::value Reply::json() const {
  try {
    return json::parse(body);
  } catch (const std::exception& e) {
    throw std::runtime_error("HTTP " + std::to_string(status) + " body is not JSON (" + e.what() +
                             "): " + body.substr(0, 500));
  }
}

HttpTarget HttpTarget::parse(const std::string& url) {
  // http://127.0.0.1:40123 or http://[::1]:40123
  const std::string prefix = "http://";
  if (url.rfind(prefix, 0) != 0) throw std::runtime_error("not an http URL: " + url);
  std::string rest = url.substr(prefix.size());
  auto colon = rest.rfind(':');
  HttpTarget t;
  t.host = rest.substr(0, colon);
  if (!t.host.empty() && t.host.front() == '[') t.host = t.host.substr(1, t.host.size() - 2);
  t.port = static_cast<std::uint16_t>(std::stoi(rest.substr(colon + 1)));
  return t;
}

Reply HttpTarget::call(const std::string& method, const std::string& path, const std::string& body,
                       const std::string& bearer,
                       const std::map<std::string, std::string>& headers) const {
  auto h = headers;
  if (!bearer.empty()) h["Authorization"] = "Bearer " + bearer;
  if (!body.empty() && !h.count("Content-Type")) h["Content-Type"] = "application/json";
  auto r = net::http_request(host, port, method, path, body, h);
  return Reply{r.status, r.headers, r.body};
}

std::string jemhead_binary() {
  return JEMHEAD_BINARY;
}
std::string jemsim_binary() {
  return JEMSIM_BINARY;
}

std::string daemon_config(const TempDir& dir, const std::string& extra) {
  // SHA-256 of the three test tokens (jemhead hash-token viewer-token, ...).
  return "data_dir: " + dir.path() + "/var\n" +
         "api:\n"
         "  listen: [\"127.0.0.1:0\"]\n"
         "  tokens:\n"
         "    - {name: test-viewer, role: viewer, sha256: "
         "\"d036bd6d01a1cae081d39a2f8dab751dc042de814fd60df31fcb553170950f29\"}\n"
         "    - {name: test-operator, role: operator, sha256: "
         "\"0850123315d21ab90f4f7236408a52ef6dbd6a02a6550e5c10dc73f4d993680e\"}\n"
         "    - {name: test-admin, role: admin, sha256: "
         "\"10a4c7c9fc5206d6f36dc6944a81bb6f4a3cb0e25014ae3b12e6c3e52712292a\"}\n"
         "logging: {level: info}\n" +
         extra;
}

Jemhead::Jemhead(const TempDir& dir, const std::string& config) {
  const auto config_path = dir.file("jemhead.yaml");
  ready_file_ = dir.file("jemhead.ready");
  write_file(config_path, config);
  process_ =
      std::make_unique<Process>(std::vector<std::string>{jemhead_binary(), "serve", "--config",
                                                         config_path, "--ready-file", ready_file_},
                                dir.file("jemhead.log"), dir.path());
  auto ready = json::parse(wait_for_file(ready_file_, *process_));
  api_ = HttpTarget::parse(json::value_to<std::string>(ready.at("api").as_array().at(0)));
}

int Jemhead::stop() {
  process_->signal(SIGTERM);
  auto code = process_->wait(std::chrono::seconds(20));
  if (!code) throw std::runtime_error("jemhead did not stop within 20 s:\n" + process_->log());
  return *code;
}

Jemsim::Jemsim(const TempDir& dir, const std::string& fleet_yaml, const std::string& name) {
  const auto fleet_path = dir.file(name + ".yaml");
  const auto ready = dir.file(name + ".ready");
  write_file(fleet_path, fleet_yaml);
  process_ = std::make_unique<Process>(
      std::vector<std::string>{jemsim_binary(), "--fleet", fleet_path, "--ready-file", ready},
      dir.file(name + ".log"), dir.path());
  auto info = json::parse(wait_for_file(ready, *process_));
  control_ = HttpTarget::parse(json::value_to<std::string>(info.at("control")));
}

}  // namespace jemhead::testing
