#include "sim/curl_support.hpp"

#include <mutex>

namespace jemhead::sim {

CurlTransfer::CurlTransfer() {
  static std::once_flag global;
  std::call_once(global, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  handle_ = curl_easy_init();
  if (!handle_) return;
  curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle_, CURLOPT_ERRORBUFFER, error_);
}

CurlTransfer::~CurlTransfer() {
  curl_easy_cleanup(handle_);  // a no-op on null
}

void CurlTransfer::verify_server(bool verify, const std::string& ca_file) {
  curl_easy_setopt(handle_, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
  curl_easy_setopt(handle_, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
  if (verify && !ca_file.empty()) curl_easy_setopt(handle_, CURLOPT_CAINFO, ca_file.c_str());
}

std::string CurlTransfer::failure(CURLcode rc, std::string_view where) const {
  std::string why(where);
  if (!why.empty()) why += ": ";
  why += error_[0] ? error_ : curl_easy_strerror(rc);
  return why;
}

std::string curl_server_url(std::string_view scheme, const std::string& host, unsigned port) {
  std::string url(scheme);
  url += "://";
  const bool v6 = host.find(':') != std::string::npos;
  if (v6) url += '[';
  url += host;
  if (v6) url += ']';
  url += ':';
  url += std::to_string(port);
  return url;
}

}  // namespace jemhead::sim
