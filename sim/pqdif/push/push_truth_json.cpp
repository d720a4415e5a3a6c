#include "sim/pqdif/push/push_truth_json.hpp"

#include <boost/json.hpp>
#include <map>

namespace jemhead::sim {

namespace json = boost::json;

namespace {

json::value time_or_null(const std::optional<UtcTime>& t) {
  return t ? json::value(format_iso8601(*t)) : json::value(nullptr);
}

json::value text_or_null(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

json::object entry_json(const PushLogEntry& e) {
  json::object j;
  j["name"] = e.name;
  j["size"] = e.size;
  j["sha256"] = text_or_null(e.sha256);
  j["test"] = e.test;
  j["attempts"] = e.attempts;
  j["pushed_at"] = time_or_null(e.pushed_at);
  j["push_error"] = text_or_null(e.error);
  j["given_up"] = e.given_up;
  j["deleted"] = e.deleted;
  return j;
}

}  // namespace

void add_push_state(json::value& files, const PushStatus& status) {
  std::map<std::string_view, const PushLogEntry*> by_name;
  for (const auto& e : status.log)
    if (!e.test) by_name[e.name] = &e;
  for (auto& f : files.as_array()) {
    auto& o = f.as_object();
    auto it = by_name.find(std::string_view(o.at("name").as_string()));
    const PushLogEntry* e = it == by_name.end() ? nullptr : it->second;
    o["pushed_at"] = e ? time_or_null(e->pushed_at) : json::value(nullptr);
    o["push_error"] = e ? text_or_null(e->error) : json::value(nullptr);
    o["push_attempts"] = e ? e->attempts : 0;
  }
}

json::value push_status_json(const PushStatus& status) {
  const auto& s = status.spec;
  json::object out;
  out["protocol"] = s.protocol == PushProtocol::ftp ? "ftp" : "scp";
  out["host"] = s.host;
  out["port"] = s.port;
  out["username"] = s.username;
  out["directory"] = s.directory;
  out["delete_after_send"] = s.delete_after_send;
  out["upload_then_rename"] = s.upload_then_rename;
  out["pending"] = status.pending;
  json::array log;
  for (const auto& e : status.log) log.push_back(entry_json(e));
  out["log"] = std::move(log);
  return out;
}

}  // namespace jemhead::sim
