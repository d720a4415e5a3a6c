#pragma once
// The two real programs under test, started on ephemeral loopback ports: the jemhead
// daemon and the jemsim fleet. Each is found through the ready file it writes once it
// listens, so tests never guess ports or sleep.
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>

#include "tests/integration/support/process.hpp"

namespace jemhead::testing {

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  boost::json::value json() const;  // throws on a non-JSON body, naming it
};

// A base URL like "http://127.0.0.1:40123" split for the HTTP client.
struct HttpTarget {
  std::string host;
  std::uint16_t port = 0;
  static HttpTarget parse(const std::string& url);
  Reply call(const std::string& method, const std::string& path, const std::string& body = {},
             const std::string& bearer = {},
             const std::map<std::string, std::string>& headers = {}) const;
};

// Tokens every test configuration carries, one per role.
inline const std::string kViewerToken = "viewer-token";
inline const std::string kOperatorToken = "operator-token";
inline const std::string kAdminToken = "admin-token";

// The YAML for a daemon in `dir` on an ephemeral port with the three test tokens;
// `extra` is appended verbatim (e.g. a fleet section).
std::string daemon_config(const TempDir& dir, const std::string& extra = {});

class Jemhead {
 public:
  // Starts `jemhead serve --config <dir>/jemhead.yaml --ready-file ...` with `config`
  // written there, and waits until it is ready.
  Jemhead(const TempDir& dir, const std::string& config);
  Process& process() { return *process_; }
  const HttpTarget& api() const { return api_; }
  Reply call(const std::string& method, const std::string& path, const std::string& body = {},
             const std::string& bearer = kAdminToken) const {
    return api_.call(method, path, body, bearer);
  }
  // SIGTERM and wait; returns the exit code.
  int stop();

 private:
  std::string ready_file_;
  std::unique_ptr<Process> process_;
  HttpTarget api_;
};

class Jemsim {
 public:
  Jemsim(const TempDir& dir, const std::string& fleet_yaml, const std::string& name = "jemsim");
  Process& process() { return *process_; }
  const HttpTarget& control() const { return control_; }
  Reply call(const std::string& method, const std::string& path,
             const std::string& body = {}) const {
    return control_.call(method, path, body);
  }

 private:
  std::unique_ptr<Process> process_;
  HttpTarget control_;
};

std::string jemhead_binary();
std::string jemsim_binary();

}  // namespace jemhead::testing
