#include "drivers/protocol/pqdif_http/http_session.hpp"

#include <cctype>
#include <cstdio>
#include <system_error>

#include "core/digest/base64.hpp"
#include "drivers/blocking_call.hpp"
#include "drivers/protocol/pqdif_http/pq_listing.hpp"
#include "net/http_client.hpp"
#include "net/query_string.hpp"

namespace jemhead::pqdif_http {

using drivers::RemoteFile;

namespace {

// Net errors as driver errors. The client's messages name host, port and target only,
// never the Authorization header.
template <typename F>
auto translating(F work) -> decltype(work()) {
  try {
    return work();
  } catch (const drivers::DriverError&) {
    throw;
  } catch (const net::HttpTimeout& e) {
    throw drivers::Timeout(e.what());
  } catch (const std::runtime_error& e) {
    throw drivers::ConnectionFailed(e.what());
  }
}

// The first line of a refusal's body, as the meter explains it (bounded).
std::string reason(const net::HttpResult& r) {
  auto line = r.body.substr(0, r.body.find('\n'));
  if (line.size() > 200) line.resize(200);
  return line.empty() ? std::string{} : ": " + line;
}

}  // namespace

std::string basic_authorization(const std::string& user, const std::string& password) {
  std::string credentials = user;
  credentials += ':';
  credentials += password;
  std::string out = "Basic ";
  out += digest::base64_encode(credentials);
  return out;
}

HttpPullSession::HttpPullSession(HttpPullConfig config) : config_(std::move(config)) {}
HttpPullSession::~HttpPullSession() = default;

std::string HttpPullSession::describe() const {
  std::string s = config_.https ? "https://" : "http://";
  s += config_.host;
  s += ':';
  s += std::to_string(config_.port);
  return s;
}

void HttpPullSession::connect() {
  translating([&] {
    std::optional<net::HttpTls> tls;
    if (config_.https) tls = config_.tls;
    connection_ = std::make_unique<net::HttpConnection>(config_.host, config_.port, config_.timeout,
                                                        std::move(tls));
  });
}

// The open connection, or a new one when the server closed the last.
net::HttpConnection& HttpPullSession::connection() {
  if (!connection_ || !connection_->is_open()) connect();
  return *connection_;
}

std::string HttpPullSession::file_target(const std::string& name) const {
  std::string target = config_.path == "/" ? std::string{} : config_.path;
  target += '/';
  target += net::percent_encode(name);
  return target;
}

// Refusals as typed errors: the meter's rights first (manual part4 §1).
static void check_status(const net::HttpResult& r, const std::string& what,
                         const HttpPullConfig& config) {
  if (r.status >= 200 && r.status < 300) return;
  const std::string http = " (HTTP " + std::to_string(r.status) + reason(r) + ")";
  if (r.status == 401 || r.status == 403) {
    std::string m = "the meter refused ";
    m += what;
    m += config.username.empty() ? std::string(" without credentials")
                                 : " to user '" + config.username + "'";
    m += http;
    m += ": PQDIF retrieval needs a meter account with the 'Read Power Quality' right";
    throw drivers::AccessDenied(m);
  }
  if (r.status == 404) throw drivers::NotPresent("the meter has no " + what + http);
  throw drivers::BadResponse("the meter answered " + what + " with an error" + http);
}

std::vector<RemoteFile> HttpPullSession::list_now() {
  return translating([&] {
    net::HttpHeaders headers;
    if (!config_.username.empty())
      headers["Authorization"] = basic_authorization(config_.username, config_.password);
    const auto r = connection().request("GET", config_.path, "", headers);
    bytes_ += r.body.size();
    check_status(r, "the PQDIF listing " + config_.path, config_);
    return parse_pq_listing(r.body, r.header("content-type"));
  });
}

void HttpPullSession::fetch_now(const RemoteFile& file, const std::filesystem::path& into) {
  if (!safe_pq_file_name(file.name))
    throw drivers::Refused("not a PQDIF file name the head-end fetches");
  translating([&] {
    net::HttpHeaders headers;
    if (!config_.username.empty())
      headers["Authorization"] = basic_authorization(config_.username, config_.password);
    const auto target = file_target(file.name);
    const auto r =
        connection().request_to_file("GET", target, headers, into, config_.max_file_bytes);
    check_status(r, "PQDIF file " + file.name, config_);
    std::error_code ec;
    const auto size = std::filesystem::file_size(into, ec);
    if (ec) throw drivers::BadResponse("PQDIF file " + file.name + " was not written");
    bytes_ += size;
    if (file.size && *file.size != size) {
      std::filesystem::remove(into, ec);
      throw drivers::BadResponse("PQDIF file " + file.name + ": " + std::to_string(size) +
                                 " bytes received, the listing says " + std::to_string(*file.size));
    }
  });
}

void HttpPullSession::delete_now(const RemoteFile& file) {
  if (!config_.delete_after_retrieval)
    throw drivers::Refused(
        "the profile does not allow deleting files on the meter "
        "(options/delete_after_retrieval)");
  if (!safe_pq_file_name(file.name))
    throw drivers::Refused("not a PQDIF file name the head-end deletes");
  translating([&] {
    net::HttpHeaders headers;
    if (!config_.username.empty())
      headers["Authorization"] = basic_authorization(config_.username, config_.password);
    const auto r = connection().request("DELETE", file_target(file.name), "", headers);
    if (r.status == 404) return;  // already gone: what deleting wanted
    check_status(r, "deleting PQDIF file " + file.name, config_);
  });
}

drivers::Task<std::vector<RemoteFile>> HttpPullSession::list_pq_files() {
  auto op = drivers::run_blocking([this] { return list_now(); });
  co_return co_await std::move(op);
}

drivers::Task<void> HttpPullSession::fetch_pq_file(RemoteFile file, std::filesystem::path into) {
  auto op = drivers::run_blocking([this, &file, &into] { fetch_now(file, into); });
  co_await std::move(op);
}

drivers::Task<void> HttpPullSession::delete_pq_file(RemoteFile file) {
  auto op = drivers::run_blocking([this, &file] { delete_now(file); });
  co_await std::move(op);
}

drivers::Task<void> HttpPullSession::close() {
  auto op = drivers::run_blocking([this] { connection_.reset(); });
  co_await std::move(op);
}

}  // namespace jemhead::pqdif_http
