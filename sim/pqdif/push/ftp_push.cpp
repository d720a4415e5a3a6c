// FTP push with libcurl: STOR into the directory (relative to the login directory), or
// STOR NAME.part then RNFR/RNTO when upload_then_rename is set.
#include <algorithm>
#include <cstring>

#include "sim/curl_support.hpp"
#include "sim/pqdif/push/push_sender.hpp"

namespace jemhead::sim {

namespace {

struct Reader {
  const std::string* bytes;
  std::size_t at = 0;
};

std::size_t read_chunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* r = static_cast<Reader*>(user);
  const std::size_t n = std::min(size * count, r->bytes->size() - r->at);
  std::memcpy(buffer, r->bytes->data() + r->at, n);
  r->at += n;
  return n;
}

// Each path segment percent-encoded, so names and directories with spaces survive the URL.
std::string url_path(CURL* curl, const std::string& path) {
  std::string out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto part =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    char* encoded = curl_easy_escape(curl, part.c_str(), static_cast<int>(part.size()));
    if (encoded) out += encoded;
    curl_free(encoded);
    if (slash == std::string::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

}  // namespace

std::string ftp_push(const PqdifPushSpec& spec, const std::string& name, const std::string& bytes) {
  CurlTransfer transfer;
  if (!transfer) return CurlTransfer::kNoHandle;
  CURL* c = transfer.handle();
  const std::string stored = spec.upload_then_rename ? name + ".part" : name;
  std::string url = curl_server_url("ftp", spec.host, spec.port);
  url += '/';
  url += url_path(c, remote_path(spec, stored));
  Reader reader{&bytes};
  CurlList after;
  if (spec.upload_then_rename) {
    std::string from = "RNFR ";
    from += stored;
    std::string to = "RNTO ";
    to += name;
    curl_slist* list = curl_slist_append(nullptr, from.c_str());
    list = curl_slist_append(list, to.c_str());
    after.reset(list);
  }
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_USERNAME, spec.username.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, spec.password.c_str());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_chunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &reader);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(bytes.size()));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
  // The server's own working directory after login: the path is relative to it.
  curl_easy_setopt(c, CURLOPT_FTP_FILEMETHOD, static_cast<long>(CURLFTPMETHOD_SINGLECWD));
  if (after) curl_easy_setopt(c, CURLOPT_POSTQUOTE, after.get());
  const CURLcode rc = transfer.perform();
  if (rc == CURLE_OK) return {};
  std::string where = "ftp ";
  where += url;
  return transfer.failure(rc, where);
}

}  // namespace jemhead::sim
