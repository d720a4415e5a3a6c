#include "drivers/protocol/pqdif_http/pq_listing.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <optional>
#include <set>
#include <string>

#include "core/time.hpp"

namespace jemhead::pqdif_http {

namespace json = boost::json;
using drivers::RemoteFile;

namespace {

char lower_char(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower_char);
  return out;
}

bool ends_with_pqd(std::string_view name) {
  return name.size() > 4 && lower(name.substr(name.size() - 4)) == ".pqd";
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 19 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::uint64_t> size_of(std::string_view digits) {
  if (!all_digits(digits)) return std::nullopt;
  return std::stoull(std::string(digits));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = lower_char(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string entity_decode(std::string_view s) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&')
      for (const auto& [entity, c] : kEntities)
        if (s.substr(i, entity.size()) == entity) {
          out.push_back(c);
          i += entity.size();
          replaced = true;
          break;
        }
    if (!replaced) out.push_back(s[i++]);
  }
  return out;
}

struct Collector {
  std::vector<RemoteFile> files;
  std::set<std::string> seen;
  void add(RemoteFile f) {
    if (!ends_with_pqd(f.name) || !safe_pq_file_name(f.name)) return;
    if (seen.insert(f.name).second) files.push_back(std::move(f));
  }
};

// ---- JSON -------------------------------------------------------------------------------

const json::value* field(const json::object& o, std::initializer_list<std::string_view> names) {
  for (auto n : names)
    if (const auto* v = o.if_contains(n)) return v;
  return nullptr;
}

void json_entry(const json::value& v, Collector& out) {
  if (const auto* s = v.if_string()) {
    out.add({std::string(*s), std::nullopt, std::nullopt});
    return;
  }
  const auto* o = v.if_object();
  if (!o) return;
  const auto* name = field(*o, {"name", "file", "filename"});
  if (!name || !name->is_string()) return;
  RemoteFile f;
  f.name = std::string(name->as_string());
  if (const auto* size = field(*o, {"size", "size_bytes", "length"})) {
    if (size->is_uint64()) f.size = size->as_uint64();
    if (size->is_int64() && size->as_int64() >= 0)
      f.size = static_cast<std::uint64_t>(size->as_int64());
    if (size->is_string()) f.size = size_of(size->as_string());
  }
  if (const auto* m = field(*o, {"modified", "mtime", "time"})) {
    if (m->is_string()) f.modified = parse_iso8601(m->as_string());
    if (m->is_int64())
      f.modified = UtcTime(std::chrono::duration_cast<Micros>(std::chrono::seconds(m->as_int64())));
  }
  out.add(std::move(f));
}

void parse_json(std::string_view body, Collector& out) {
  std::error_code ec;
  json::parse_options po;
  po.max_depth = 8;
  const auto doc = json::parse(body, ec, json::storage_ptr(), po);
  if (ec) throw drivers::BadResponse("the PQDIF listing is not valid JSON: " + ec.message());
  const json::array* list = doc.if_array();
  if (!list)
    if (const auto* o = doc.if_object())
      if (const auto* files = o->if_contains("files")) list = files->if_array();
  if (!list) throw drivers::BadResponse("the PQDIF listing (JSON) has no list of files");
  for (const auto& v : *list) json_entry(v, out);
}

// ---- HTML ---------------------------------------------------------------------------------

// The value of the attribute starting at `pos` (just after '='), and where it ends.
std::pair<std::string_view, std::size_t> attribute_value(std::string_view s, std::size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  if (pos < s.size() && (s[pos] == '"' || s[pos] == '\'')) {
    const char quote = s[pos];
    const auto end = s.find(quote, pos + 1);
    if (end == std::string_view::npos) return {s.substr(pos + 1), s.size()};
    return {s.substr(pos + 1, end - pos - 1), end + 1};
  }
  auto end = pos;
  while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end])) && s[end] != '>')
    ++end;
  return {s.substr(pos, end - pos), end};
}

std::string text_without_tags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    if (!in_tag) out.push_back(c);
    if (c == '>') {
      in_tag = false;
      out.push_back(' ');
    }
  }
  return out;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    auto j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// The size given for the link: an attribute of its tag, else the last all-digit word of
// the text after it in its row or line.
std::optional<std::uint64_t> html_size(std::string_view rest_of_tag, std::string_view after) {
  const auto tag = lower(rest_of_tag);
  for (std::string_view attr : {"data-size=", "size="})
    if (auto at = tag.find(attr); at != std::string::npos) {
      const auto [value, end] = attribute_value(rest_of_tag, at + attr.size());
      (void)end;
      if (auto n = size_of(value)) return n;
    }
  const auto low = lower(after);
  auto cut = std::min(low.find("</tr"), low.find('\n'));
  if (cut == std::string::npos) cut = after.size();
  const auto text = text_without_tags(after.substr(0, cut));
  std::optional<std::uint64_t> size;
  for (auto w : words(text))
    if (auto n = size_of(w)) size = n;
  return size;
}

void parse_html(std::string_view body, Collector& out) {
  const auto low = lower(body);
  std::size_t pos = 0;
  while ((pos = low.find("href", pos)) != std::string::npos) {
    auto eq = pos + 4;
    while (eq < low.size() && low[eq] == ' ') ++eq;
    if (eq >= low.size() || low[eq] != '=') {
      pos += 4;
      continue;
    }
    const auto [raw, value_end] = attribute_value(body, eq + 1);
    pos = value_end;
    std::string target = entity_decode(raw);
    target = target.substr(0, target.find_first_of("?#"));
    const auto slash = target.find_last_of('/');
    const auto name =
        percent_decode(slash == std::string::npos ? target : target.substr(slash + 1));
    if (!ends_with_pqd(name)) continue;
    const auto tag_end = std::min(body.find('>', value_end), body.size());
    auto next = low.find("href", tag_end);
    if (next == std::string::npos) next = body.size();
    RemoteFile f;
    f.name = name;
    f.size = html_size(body.substr(value_end, tag_end - value_end),
                       body.substr(tag_end, next - tag_end));
    out.add(std::move(f));
  }
}

void parse_text(std::string_view body, Collector& out) {
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const auto line = words(body.substr(start, end - start));
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (!ends_with_pqd(line[i])) continue;
      RemoteFile f;
      f.name = std::string(line[i]);
      for (std::size_t j = i + 1; j < line.size() && !f.size; ++j) f.size = size_of(line[j]);
      out.add(std::move(f));
      break;
    }
    start = end + 1;
  }
}

bool looks_binary(std::string_view body) {
  std::size_t control = 0;
  for (unsigned char c : body) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') ++control;
  }
  return control * 20 > body.size();  // more than 5% control characters
}

}  // namespace

bool safe_pq_file_name(std::string_view name) {
  return !name.empty() && name.size() <= 255 && name.front() != '.' &&
         name.find_first_of("/\\") == std::string_view::npos &&
         name.find("..") == std::string_view::npos &&
         std::none_of(name.begin(), name.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

std::vector<RemoteFile> parse_pq_listing(std::string_view body, std::string_view content_type) {
  Collector out;
  auto first = body.find_first_not_of(" \t\r\n");
  const char lead = first == std::string_view::npos ? '\0' : body[first];
  if (lower(content_type).find("json") != std::string::npos || lead == '[' || lead == '{') {
    parse_json(body, out);
  } else if (looks_binary(body)) {
    throw drivers::BadResponse("the PQDIF listing is neither HTML, JSON nor text (" +
                               std::to_string(body.size()) + " bytes of binary data)");
  } else if (body.find('<') != std::string_view::npos) {
    parse_html(body, out);
  } else {
    parse_text(body, out);
  }
  return std::move(out.files);
}

}  // namespace jemhead::pqdif_http
