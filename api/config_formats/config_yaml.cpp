// YAML form of the configuration document: the JSON document's maps, lists and leaves as
// YAML block mappings and sequences. Strings are always double-quoted on export (text
// that is not UTF-8 cannot be YAML and is written as U+FFFD) so that
// "5.5.2", "true" or "" stay strings; plain scalars read as true/false, null, numbers or
// text (so hand-written files may leave words unquoted). Reading goes through yaml-cpp's
// event parser, not its node tree: aliases are refused (an alias tree can expand
// exponentially, "billion laughs"), and depth and size limits stop hostile input before
// it costs memory or stack.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <boost/json.hpp>
#include <cctype>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "api/config_formats/config_formats.hpp"
#include "api/config_formats/format_support.hpp"

namespace jemhead::config {
namespace json = boost::json;
using formats::kMaxDepth;
using formats::kMaxValues;

namespace {

// ---- Writing ----------------------------------------------------------------------------
// Written here rather than with YAML::Emitter so every string comes back byte for byte:
// the emitter passes some code points (DEL, NEL, U+2028) through in forms its own parser
// reads differently.

void append_double_quoted(std::string& out, std::string_view s) {
  constexpr char digits[] = "0123456789ABCDEF";
  auto hex = [&](char kind, long cp, int width) {
    out += '\\';
    out += kind;
    for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) out += digits[(cp >> shift) & 0xF];
  };
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto start = i;
    const long cp = formats::next_code_point(s, i);
    if (cp < 0) {
      out += "\\uFFFD";  // not UTF-8: YAML is Unicode text, the byte has no spelling
      continue;
    }
    switch (cp) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\t': out += "\\t"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case 0x2028: out += "\\L"; continue;
      case 0x2029: out += "\\P"; continue;
      default: break;
    }
    // C0 and C1 controls as \xNN (yaml-cpp reads "\N" for NEL as a bare 0x85 byte).
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      hex('x', cp, 2);
    } else if (cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF) {
      hex('u', cp, 4);
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  out += '"';
}

// Keys are the document's snake_case names; anything else is quoted ("null" too: a plain
// null is no text).
void append_key(std::string& out, std::string_view key) {
  bool plain = !key.empty() && !std::isdigit(static_cast<unsigned char>(key[0])) && key != "null" &&
               key != "Null" && key != "NULL";
  for (char ch : key) plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_');
  if (plain) {
    out += key;
  } else {
    append_double_quoted(out, key);
  }
  out += ':';
}

bool is_inline(const json::value& v) {
  if (v.is_object()) return v.get_object().empty();
  if (v.is_array()) return v.get_array().empty();
  return true;
}

void append_inline(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::object: out += "{}"; break;
    case json::kind::array: out += "[]"; break;
    case json::kind::string: append_double_quoted(out, v.get_string()); break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::null: out += "null"; break;
    default: out += formats::number_text(v); break;
  }
}

// A non-empty map or list as a block at `indent` spaces, each line ending in '\n'.
void append_block(std::string& out, const json::value& v, std::size_t indent) {
  if (v.is_object()) {
    for (const auto& kv : v.get_object()) {
      out.append(indent, ' ');
      append_key(out, kv.key());
      if (is_inline(kv.value())) {
        out += ' ';
        append_inline(out, kv.value());
        out += '\n';
      } else {
        out += '\n';
        append_block(out, kv.value(), indent + 2);
      }
    }
    return;
  }
  for (const auto& item : v.get_array()) {
    if (is_inline(item)) {
      out.append(indent, ' ');
      out += "- ";
      append_inline(out, item);
      out += '\n';
      continue;
    }
    // "- " takes the place of the item block's first indentation.
    std::string block;
    append_block(block, item, indent + 2);
    out.append(indent, ' ');
    out += "- ";
    out.append(block, indent + 2);
  }
}

// A problem with a place in the text, thrown out of the event handler.
struct YamlError : std::runtime_error {
  YamlError(const YAML::Mark& mark, const std::string& what)
      : std::runtime_error(formats::concat({where(mark), what})) {}
  static std::string where(const YAML::Mark& mark) {
    if (mark.is_null()) return "";
    std::string out = "line ";
    out += std::to_string(mark.line + 1);
    out += ", column ";
    out += std::to_string(mark.column + 1);
    out += ": ";
    return out;
  }
};

constexpr std::string_view kCoreTag = "tag:yaml.org,2002:";

// Builds the JSON value of one YAML document from parser events.
class JsonBuilder : public YAML::EventHandler {
 public:
  std::optional<json::value> result;

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    if (expecting_key()) throw YamlError(mark, "a key must be text");
    put(mark, nullptr);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw YamlError(mark, "aliases (*name) are not supported");
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                const std::string& value) override {
    // yaml-cpp passes bytes through; the document's text is Unicode.
    if (!formats::valid_utf8(value)) throw YamlError(mark, "text is not valid UTF-8");
    if (expecting_key()) {
      if (stack_.back().value.get_object().contains(value))
        throw YamlError(mark, formats::concat({"duplicate key \"", value, "\""}));
      stack_.back().key = value;
      return;
    }
    put(mark, scalar(mark, tag, value));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    check_container_tag(mark, tag, "seq");
    open(mark, json::array{});
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    check_container_tag(mark, tag, "map");
    open(mark, json::object{});
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    json::value value;
    std::optional<std::string> key;  // a map's key waiting for its value
    YAML::Mark mark;
  };

  bool expecting_key() const {
    return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().key;
  }

  // Untagged ("?", "!") or the core schema's own tag; anything else would ask for a
  // meaning this format does not have.
  static void check_container_tag(const YAML::Mark& mark, const std::string& tag,
                                  std::string_view kind) {
    if (tag.empty() || tag == "?" || tag == "!") return;
    if (tag == formats::concat({kCoreTag, kind})) return;
    throw YamlError(mark, formats::concat({"unsupported tag ", tag}));
  }

  static json::value scalar(const YAML::Mark& mark, const std::string& tag,
                            const std::string& text) {
    if (tag == "!") return json::string(text);  // quoted: always text
    if (tag == "?") return formats::infer_scalar(text);
    if (!std::string_view(tag).starts_with(kCoreTag))
      throw YamlError(mark, formats::concat({"unsupported tag ", tag}));
    const auto kind = std::string_view(tag).substr(kCoreTag.size());
    if (kind == "str") return json::string(text);
    std::optional<json::value> v;
    if (kind == "int") v = formats::parse_int(text);
    if (kind == "float") v = formats::parse_double(text);
    if (kind == "bool" || kind == "null") {
      auto inferred = formats::infer_scalar(text);
      if ((kind == "bool" && inferred.is_bool()) || (kind == "null" && inferred.is_null()))
        v = std::move(inferred);
    }
    if (!v) throw YamlError(mark, formats::concat({"\"", text, "\" is not a valid !!", kind}));
    return std::move(*v);
  }

  void count(const YAML::Mark& mark) {
    if (++values_ > kMaxValues)
      throw YamlError(mark, formats::concat({"more than ", std::to_string(kMaxValues), " values"}));
  }

  void open(const YAML::Mark& mark, json::value container) {
    if (expecting_key()) throw YamlError(mark, "a key must be text");
    if (stack_.size() >= static_cast<std::size_t>(kMaxDepth))
      throw YamlError(
          mark, formats::concat({"nested deeper than ", std::to_string(kMaxDepth), " levels"}));
    count(mark);
    stack_.push_back({std::move(container), std::nullopt, mark});
  }

  void close() {
    auto frame = std::move(stack_.back());
    stack_.pop_back();
    attach(std::move(frame.value));
  }

  void put(const YAML::Mark& mark, json::value v) {
    count(mark);
    attach(std::move(v));
  }

  void attach(json::value v) {
    if (stack_.empty()) {
      result = std::move(v);
      return;
    }
    auto& top = stack_.back();
    if (top.value.is_object()) {
      top.value.get_object()[*top.key] = std::move(v);
      top.key.reset();
    } else {
      top.value.get_array().push_back(std::move(v));
    }
  }

  std::vector<Frame> stack_;
  std::size_t values_ = 0;
};

}  // namespace

std::string to_yaml(const MeterConfiguration& c) {
  std::string out = "# JEMStar II meter configuration (jemhead); names as in the JSON document\n";
  append_block(out, json::value(to_json(c)), 0);
  return out;
}

ReadResult from_yaml_text(std::string_view text) {
  if (auto too_big = formats::check_size(text)) return std::move(*too_big);
  std::optional<json::value> document;
  try {
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    JsonBuilder first;
    if (!parser.HandleNextDocument(first) || !first.result)
      return formats::syntax_error("no YAML document");
    JsonBuilder second;
    if (parser.HandleNextDocument(second))
      return formats::syntax_error("more than one YAML document");
    document = std::move(first.result);
  } catch (const YAML::Exception& e) {
    return formats::syntax_error(formats::concat({YamlError::where(e.mark), e.msg}));
  } catch (const YamlError& e) {
    return formats::syntax_error(e.what());
  }
  if (!document->is_object())
    return formats::syntax_error("the document must be a mapping of sections");
  return from_json(*document);
}

}  // namespace jemhead::config
