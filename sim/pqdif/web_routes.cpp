#include "sim/pqdif/web_routes.hpp"

#include <boost/json.hpp>
#include <cctype>
#include <cstdio>

#include "net/query_string.hpp"
#include "sim/pqdif/web_auth.hpp"

namespace jemhead::sim {

namespace {

net::HttpResponse text(int status, const std::string& body) {
  net::HttpResponse r;
  r.status = status;
  r.content_type = "text/plain";
  r.body = body + "\n";
  return r;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// "2026-01-02 00:00:00": what a directory index shows (UTC).
std::string listing_time(UtcTime t) {
  std::string iso = format_iso8601(t);  // 2026-01-02T00:00:00.000000Z
  iso[10] = ' ';
  return iso.substr(0, 19);
}

bool wants_json(const net::HttpRequest& r) {
  auto f = r.query.find("format");
  if (f != r.query.end()) return f->second == "json";
  return r.header("accept").find("application/json") != std::string::npos;
}

net::HttpResponse listing(const net::HttpRequest& r, PqdifRecorder& recorder, UtcTime now) {
  const auto files = recorder.list(now);
  net::HttpResponse out;
  if (wants_json(r)) {
    boost::json::array a;
    for (const auto& f : files)
      a.push_back({{"name", f.name}, {"size", f.size}, {"modified", format_iso8601(f.created)}});
    out.body = boost::json::serialize(boost::json::object{{"files", std::move(a)}});
    return out;
  }
  out.content_type = "text/html; charset=utf-8";
  out.body = pqdif_listing_html(files);
  return out;
}

}  // namespace

std::string pqdif_listing_html(const std::vector<PqdifFileInfo>& files) {
  std::string html =
      "<!DOCTYPE html>\n<html><head><title>Index of /pqdif</title></head>\n"
      "<body><h1>Index of /pqdif</h1>\n<table>\n"
      "<tr><th>Name</th><th>Last modified</th><th>Size</th></tr>\n";
  for (const auto& f : files) {
    html += "<tr><td><a href=\"/pqdif/";
    html += net::percent_encode(f.name);
    html += "\">";
    html += html_escape(f.name);
    html += "</a></td><td>";
    html += listing_time(f.created);
    html += "</td><td>";
    html += std::to_string(f.size);
    html += "</td></tr>\n";
  }
  html += "</table></body></html>\n";
  return html;
}

net::HttpResponse web_request(const net::HttpRequest& r, const WebServerSpec& spec,
                              PqdifRecorder* recorder, UtcTime now) {
  const std::string& path = r.path;
  const bool is_list = path == "/pqdif" || path == "/pqdif/";
  if (!is_list && !path.starts_with("/pqdif/")) return text(404, "not found");
  const WebUser* user = authenticate(spec, r.header("authorization"));
  if (!user) {
    auto out = text(401, "authentication required");
    out.headers.emplace_back("WWW-Authenticate", "Basic realm=\"JEMStar II\"");
    return out;
  }
  if (!user->read_power_quality)
    return text(403, "user '" + user->name + "' lacks the Read Power Quality right");
  if (!recorder) return text(404, "this meter records no PQDIF files");
  if (is_list) {
    if (r.method != "GET" && r.method != "HEAD") {
      auto out = text(405, "method not allowed");
      out.headers.emplace_back("Allow", "GET");
      return out;
    }
    return listing(r, *recorder, now);
  }
  const std::string name = path.substr(7);
  if (r.method == "GET" || r.method == "HEAD") {
    auto bytes = recorder->bytes(name, now);
    if (!bytes) return text(404, "no such file");
    net::HttpResponse out;
    out.content_type = "application/octet-stream";
    out.body = std::move(*bytes);
    return out;
  }
  if (r.method == "DELETE") {
    if (!recorder->remove(name, now)) return text(404, "no such file");
    net::HttpResponse out;
    out.status = 204;
    out.content_type = "text/plain";
    return out;
  }
  auto out = text(405, "method not allowed");
  out.headers.emplace_back("Allow", "GET, DELETE");
  return out;
}

}  // namespace jemhead::sim
