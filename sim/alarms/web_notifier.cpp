#include "sim/alarms/web_notifier.hpp"

#include "sim/curl_support.hpp"

namespace jemhead::sim {

namespace {

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
  Attempt a;
  CurlTransfer transfer;
  if (!transfer) {
    a.rc = CURLE_OUT_OF_MEMORY;
    a.error = CurlTransfer::kNoHandle;
    return a;
  }
  CURL* c = transfer.handle();
  std::size_t body_size = post.json.size();
  CurlMime mime;
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
  CurlList headers(list);
  curl_easy_setopt(c, CURLOPT_URL, spec.url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, spec.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(spec.timeout_s));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
  if (!spec.user.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(c, CURLOPT_USERNAME, spec.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, spec.password.c_str());
  }
  transfer.verify_server(verify, spec.ca_file);
  if (!spec.client_cert.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLCERT, spec.client_cert.c_str());
    curl_easy_setopt(c, CURLOPT_SSLKEY, spec.client_key.c_str());
  }
  a.rc = transfer.perform();
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
  if (a.rc != CURLE_OK) a.error = transfer.failure(a.rc);
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
