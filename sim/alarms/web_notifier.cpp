#include "sim/alarms/web_notifier.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace jemhead::sim {

namespace {

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct MimeFree {
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};

std::size_t discard(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

// curl 7.68 (the meter's) asked for 100-continue above 1 KiB; newer curl only above 1 MiB.
constexpr std::size_t kExpectThreshold = 1024;

bool verification_failure(CURLcode rc) {
  return rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE ||
         rc == CURLE_SSL_ISSUER_ERROR;
}

struct Attempt {
  CURLcode rc = CURLE_OK;
  long status = 0;
  std::string error;
};

Attempt perform(const WebAlarmSpec& spec, const WebAlarmPost& post, bool verify) {
  static std::once_flag global;
  std::call_once(global, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  Attempt a;
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) {
    a.rc = CURLE_OUT_OF_MEMORY;
    a.error = "out of memory (curl_easy_init)";
    return a;
  }
  CURL* c = curl.get();
  std::size_t body_size = post.json.size();
  std::unique_ptr<curl_mime, MimeFree> mime;
  curl_slist* list = nullptr;
  if (post.file_bytes) {
    mime.reset(curl_mime_init(c));
    curl_mimepart* json = curl_mime_addpart(mime.get());
    curl_mime_name(json, "json_msg");
    curl_mime_data(json, post.json.data(), post.json.size());
    curl_mimepart* file = curl_mime_addpart(mime.get());
    curl_mime_name(file, "pqdif_file");
    curl_mime_filename(file, post.file_name.c_str());
    curl_mime_type(file, "application/octet-stream");
    curl_mime_data(file, post.file_bytes->data(), post.file_bytes->size());
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
    body_size += post.file_bytes->size();
  } else {
    list = curl_slist_append(list, "Content-Type: application/json");
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, post.json.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post.json.size()));
  }
  list = curl_slist_append(list, body_size > kExpectThreshold ? "Expect: 100-continue" : "Expect:");
  std::unique_ptr<curl_slist, ListFree> headers(list);
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_URL, spec.url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, spec.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(spec.timeout_s));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  if (!spec.user.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(c, CURLOPT_USERNAME, spec.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, spec.password.c_str());
  }
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
  if (verify && !spec.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, spec.ca_file.c_str());
  if (!spec.client_cert.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLCERT, spec.client_cert.c_str());
    curl_easy_setopt(c, CURLOPT_SSLKEY, spec.client_key.c_str());
  }
  a.rc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
  if (a.rc != CURLE_OK) a.error = error[0] ? error : curl_easy_strerror(a.rc);
  return a;
}

}  // namespace

WebAlarmResult post_web_alarm(const WebAlarmSpec& spec, const WebAlarmPost& post) {
  WebAlarmResult r;
  r.content_type = post.file_bytes ? "multipart/form-data" : "application/json";
  // 'disable' never authenticates the server; 'enable' without a Base Certificate has
  // nothing to authenticate with, so it sends insecurely at once (L8064–L8084).
  const bool verify = spec.certificate == CertificateMode::mandatory ||
                      (spec.certificate == CertificateMode::enable && !spec.ca_file.empty());
  Attempt a = perform(spec, post, verify);
  r.insecure = !verify && spec.url.starts_with("https://");
  if (spec.certificate == CertificateMode::enable && verify && verification_failure(a.rc)) {
    a = perform(spec, post, false);
    r.insecure = true;
  }
  r.http_status = a.status;
  if (a.rc != CURLE_OK) {
    r.error = a.error;
    return r;
  }
  r.sent = a.status >= 200 && a.status < 300;
  if (!r.sent) r.error = "HTTP " + std::to_string(a.status);
  return r;
}

}  // namespace jemhead::sim
