#pragma once
// libcurl as jemsim's meters use it: the alarm web POSTs and e-mails (sim/alarms/) and the
// PQDIF FTP push (sim/pqdif/push/). Each is one blocking transfer on a fresh easy handle;
// what all of them set up the same way, and how they word a failure, is here once.
#include <curl/curl.h>

#include <memory>
#include <string>
#include <string_view>

namespace jemhead::sim {

struct CurlListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct CurlMimeFree {
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};
using CurlList = std::unique_ptr<curl_slist, CurlListFree>;
using CurlMime = std::unique_ptr<curl_mime, CurlMimeFree>;

// One transfer's easy handle (libcurl initialised once per process before the first), with
// CURLOPT_NOSIGNAL (the senders run on worker threads, where curl's SIGALRM resolver
// timeout is unsafe) and an error buffer for curl's own words about a failure.
class CurlTransfer {
 public:
  CurlTransfer();
  ~CurlTransfer();
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  // False when curl could not make a handle; kNoHandle says so.
  explicit operator bool() const { return handle_ != nullptr; }
  static constexpr const char* kNoHandle = "out of memory (curl_easy_init)";
  CURL* handle() const { return handle_; }

  // Authenticate the server's certificate (against `ca_file` when one is given), or not at all.
  void verify_server(bool verify, const std::string& ca_file);

  CURLcode perform() { return curl_easy_perform(handle_); }
  // Why the transfer failed: the error buffer's detail when curl wrote one, else the code's
  // text; after "`where`: " when `where` is given.
  std::string failure(CURLcode rc, std::string_view where = {}) const;

 private:
  CURL* handle_;
  char error_[CURL_ERROR_SIZE] = {};
};

// "scheme://host:port", an IPv6 literal host in brackets.
std::string curl_server_url(std::string_view scheme, const std::string& host, unsigned port);

}  // namespace jemhead::sim
