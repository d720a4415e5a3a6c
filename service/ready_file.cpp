#include "service/ready_file.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include "service/json_text.hpp"

namespace jemhead::service {

namespace {

void append_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

}  // namespace

std::string ready_file_json(
    long pid, const std::string& version, const std::vector<std::string>& api_urls,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& more) {
  std::string out = R"({"pid":)" + std::to_string(pid) + R"(,"version":)";
  append_json_string(out, version);
  out += R"(,"api":)";
  append_list(out, api_urls);
  for (const auto& [name, items] : more) {
    out += ',';
    append_json_string(out, name);
    out += ':';
    append_list(out, items);
  }
  out += "}\n";
  return out;
}

void write_ready_file(const std::filesystem::path& path, const std::string& json) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  // Same directory as the target, so rename() is atomic (no cross-filesystem move).
  std::filesystem::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << json;
    out.flush();
    if (!out) throw std::runtime_error("cannot write ready file " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    const std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error("cannot rename ready file into place: " + path.string() + ": " + why);
  }
}

void remove_ready_file(const std::filesystem::path& path) noexcept {
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

}  // namespace jemhead::service
