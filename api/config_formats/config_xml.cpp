// XML form of the configuration document: <meter_configuration version="1"> holds one
// element per section, named as in JSON; list entries are repeated <item> elements; each
// leaf says its JSON type (type="string|int|double|bool|null", lists type="list") so
// import is exact. Objects carry no type. Untyped leaves in hand-written files read like
// plain YAML scalars. Strings XML 1.0 cannot carry (control characters, invalid UTF-8)
// are written as hex (encoding="hex").
//
// Reading is libxml2 with network access off, no DTD loading, no entity substitution and
// the default (non-"huge") limits; a DOCTYPE stops the parser at once, so internal
// entities ("billion laughs") and external ones (XXE) never get defined.
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <boost/json.hpp>
#include <climits>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "api/config_formats/config_formats.hpp"
#include "api/config_formats/format_support.hpp"

namespace jemhead::config {
namespace json = boost::json;
using formats::concat;

namespace {

constexpr std::string_view kRoot = "meter_configuration";
constexpr std::string_view kVersion = "1";

// ---- Writing --------------------------------------------------------------------------

// XML 1.0 Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | ...).
bool xml_safe(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const long cp = formats::next_code_point(s, i);
    const bool ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                    (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!ok) return false;
  }
  return true;
}

void append_escaped(std::string& out, std::string_view s) {
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r':  // a literal CR would be normalised to LF by any reader
        out += "&#13;";
        break;
      default: out += ch;
    }
  }
}

void append_hex(std::string& out, std::string_view s) {
  constexpr char digits[] = "0123456789abcdef";
  for (char ch : s) {
    const auto b = static_cast<unsigned char>(ch);
    out += digits[b >> 4];
    out += digits[b & 0xF];
  }
}

// Keys come from describe() (snake_case), so they are XML names; anything else is a
// programming error, not a document problem.
void check_name(std::string_view name) {
  bool ok = !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char ch : name)
    ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-');
  if (!ok) throw std::logic_error(concat({"not an XML element name: ", name}));
}

void write_element(std::string& out, std::string_view name, const json::value& v, int indent) {
  check_name(name);
  out.append(static_cast<std::size_t>(indent) * 2, ' ');
  out += '<';
  out += name;
  auto leaf = [&](std::string_view type, std::string_view text, std::string_view more = {}) {
    out += " type=\"";
    out += type;
    out += '"';
    out += more;
    out += '>';
    out += text;
    out += "</";
    out += name;
    out += ">\n";
  };
  switch (v.kind()) {
    case json::kind::object:
    case json::kind::array: {
      const bool list = v.is_array();
      if (list) out += " type=\"list\"";
      const bool empty = list ? v.get_array().empty() : v.get_object().empty();
      if (empty) {
        out += "/>\n";
        return;
      }
      out += ">\n";
      if (list) {
        for (const auto& item : v.get_array()) write_element(out, "item", item, indent + 1);
      } else {
        for (const auto& kv : v.get_object()) write_element(out, kv.key(), kv.value(), indent + 1);
      }
      out.append(static_cast<std::size_t>(indent) * 2, ' ');
      out += "</";
      out += name;
      out += ">\n";
      return;
    }
    case json::kind::string: {
      const std::string_view s = v.get_string();
      std::string text;
      if (xml_safe(s)) {
        append_escaped(text, s);
        leaf("string", text);
      } else {
        append_hex(text, s);
        leaf("string", text, " encoding=\"hex\"");
      }
      return;
    }
    case json::kind::bool_: leaf("bool", v.get_bool() ? "true" : "false"); return;
    case json::kind::null: out += " type=\"null\"/>\n"; return;
    case json::kind::double_: leaf("double", formats::number_text(v)); return;
    default: leaf("int", formats::number_text(v)); return;
  }
}

// ---- Reading --------------------------------------------------------------------------

struct XmlError : std::runtime_error {
  XmlError(const xmlNode* node, const std::string& what)
      : std::runtime_error(concat({where(node), what})) {}
  static std::string where(const xmlNode* node) {
    if (!node) return "";
    const long line = xmlGetLineNo(node);
    if (line <= 0) return "";
    return concat({"line ", std::to_string(line), ": "});
  }
};

std::string_view as_view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

std::optional<std::string> attribute(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node->properties; a; a = a->next) {
    if (as_view(a->name) != name) continue;
    std::string value;
    for (const xmlNode* t = a->children; t; t = t->next)
      if (t->type == XML_TEXT_NODE) value += as_view(t->content);
    return value;
  }
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]);
    const int lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

class TreeReader {
 public:
  json::value read(const xmlNode* node, int depth) {
    if (depth > formats::kMaxDepth)
      throw XmlError(
          node, concat({"nested deeper than ", std::to_string(formats::kMaxDepth), " levels"}));
    if (++values_ > formats::kMaxValues)
      throw XmlError(node, concat({"more than ", std::to_string(formats::kMaxValues), " values"}));

    std::vector<const xmlNode*> elements;
    std::string text;
    for (const xmlNode* c = node->children; c; c = c->next) {
      switch (c->type) {
        case XML_ELEMENT_NODE: elements.push_back(c); break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE: text += as_view(c->content); break;
        case XML_COMMENT_NODE:
        case XML_PI_NODE: break;
        default: throw XmlError(c, "unexpected XML content (entity references are not supported)");
      }
    }
    const auto type = attribute(node, "type");
    const bool blank = trim(text).empty();
    const auto name = as_view(node->name);

    if (type == "list") {
      if (!blank) throw XmlError(node, concat({"list ", name, " holds text"}));
      json::array arr;
      for (const auto* e : elements) {
        if (as_view(e->name) != "item")
          throw XmlError(e, concat({"list entries are <item>, not <", as_view(e->name), ">"}));
        arr.push_back(read(e, depth + 1));
      }
      return arr;
    }
    if (type == "object" || (!type && (!elements.empty() || blank))) {
      if (!blank) throw XmlError(node, concat({"element ", name, " mixes text and elements"}));
      json::object obj;
      for (const auto* e : elements) {
        const auto key = as_view(e->name);
        if (obj.contains(key)) throw XmlError(e, concat({"duplicate element <", key, ">"}));
        obj[key] = read(e, depth + 1);
      }
      return obj;
    }
    if (!elements.empty())
      throw XmlError(elements.front(), concat({"leaf ", name, " holds elements"}));
    if (!type) return formats::infer_scalar(trim(text));
    return leaf(node, *type, text);
  }

 private:
  static json::value leaf(const xmlNode* node, const std::string& type, const std::string& text) {
    const auto value = trim(text);
    std::optional<json::value> v;
    if (type == "string") {
      const auto encoding = attribute(node, "encoding");
      if (!encoding) return json::string(text);
      if (*encoding != "hex")
        throw XmlError(node, concat({"unknown encoding \"", *encoding, "\""}));
      if (auto decoded = from_hex(value)) return json::string(*decoded);
      throw XmlError(node, "invalid hex text");
    }
    if (type == "int") v = formats::parse_int(value);
    if (type == "double") v = formats::parse_double(value);
    if (type == "bool" && (value == "true" || value == "false")) v = json::value(value == "true");
    if (type == "null" && value.empty()) v = json::value(nullptr);
    if (type != "int" && type != "double" && type != "bool" && type != "null")
      throw XmlError(node, concat({"unknown type \"", type, "\""}));
    if (!v)
      throw XmlError(node, concat({"\"", value, "\" is not a valid ", type, " (<",
                                   as_view(node->name), ">)"}));
    return std::move(*v);
  }

  std::size_t values_ = 0;
};

struct ParseState {
  bool doctype = false;
};

// SAX: called at "<!DOCTYPE"; the configuration format has none, so parsing stops before
// any entity can be declared.
void refuse_doctype(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  static_cast<ParseState*>(ctxt->_private)->doctype = true;
  xmlStopParser(ctxt);
}

struct CtxtFree {
  void operator()(xmlParserCtxtPtr p) const { xmlFreeParserCtxt(p); }
};
struct DocFree {
  void operator()(xmlDocPtr p) const { xmlFreeDoc(p); }
};

std::string libxml_message(xmlParserCtxtPtr ctxt) {
  const xmlError* e = xmlCtxtGetLastError(ctxt);
  if (!e || !e->message) return "not well-formed XML";
  auto message = std::string(trim(e->message));
  if (e->line > 0) message = concat({"line ", std::to_string(e->line), ": ", message});
  return message;
}

}  // namespace

std::string to_xml(const MeterConfiguration& c) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<!-- JEMStar II meter configuration (jemhead); not the vendor tool's format -->\n";
  out += concat({"<", kRoot, " version=\"", kVersion, "\">\n"});
  for (const auto& kv : to_json(c)) write_element(out, kv.key(), kv.value(), 1);
  out += concat({"</", kRoot, ">\n"});
  return out;
}

ReadResult from_xml_text(std::string_view text) {
  if (auto too_big = formats::check_size(text)) return std::move(*too_big);
  if (text.empty()) return formats::syntax_error("empty document");
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });

  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(
      xmlCreateMemoryParserCtxt(text.data(), static_cast<int>(text.size())));
  if (!ctxt) return formats::syntax_error("XML parser unavailable");
  // Not XML_PARSE_NOENT (substitutes entities), XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR or
  // XML_PARSE_HUGE (lifts the size and depth limits).
  xmlCtxtUseOptions(ctxt.get(),
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  ParseState state;
  ctxt->_private = &state;
  ctxt->sax->internalSubset = refuse_doctype;
  xmlParseDocument(ctxt.get());
  std::unique_ptr<xmlDoc, DocFree> doc(ctxt->myDoc);
  ctxt->myDoc = nullptr;
  if (state.doctype)
    return formats::syntax_error("DOCTYPE declarations are not allowed (no DTDs, no entities)");
  if (!doc || !ctxt->wellFormed) return formats::syntax_error(libxml_message(ctxt.get()));

  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root || as_view(root->name) != kRoot)
    return formats::syntax_error(concat({"the root element must be <", kRoot, ">"}));
  if (const auto version = attribute(root, "version"); version && *version != kVersion)
    return formats::syntax_error(concat({"unsupported version \"", *version, "\""}));
  json::value document;
  try {
    TreeReader reader;
    document = reader.read(root, 1);
  } catch (const XmlError& e) {
    return formats::syntax_error(e.what());
  }
  if (!document.is_object())
    return formats::syntax_error(concat({"<", kRoot, "> must hold the sections"}));
  return from_json(document);
}

}  // namespace jemhead::config
