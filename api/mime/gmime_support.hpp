#pragma once
// GMime plumbing for mime_message.cpp (internal to api/mime; GMime types stay out of
// mime_message.hpp). GMime's include directories come from an imported pkg-config target,
// so the compiler treats its headers as system headers (no warnings from them).
#include <gmime/gmime.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace jemhead::mime::gmime {

// g_mime_init() once per process, before any other GMime call.
void ensure_initialised();

struct Unref {
  void operator()(gpointer object) const {
    if (object) g_object_unref(object);
  }
};
template <typename T>
using Ref = std::unique_ptr<T, Unref>;

// What GMime's parser complained about while reading one message.
struct ParseIssues {
  bool truncated = false;         // a multipart ends before its closing boundary
  bool missing_boundary = false;  // a multipart without boundary parameter
  bool nesting_overflow = false;  // GMime's own nesting limit
};

// A parser over `head` + `bytes` (copied once into GMime's memory stream), with warnings
// routed into `issues`, which must outlive the parser's use. Throws MimeError past 4 GiB.
class Parser {
 public:
  Parser(std::string_view head, std::string_view bytes, ParseIssues& issues);
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  GMimeParser* get() const { return parser_.get(); }
  GMimeParserOptions* options() const { return options_; }

 private:
  GMimeParserOptions* options_;
  Ref<GMimeStream> stream_;
  Ref<GMimeParser> parser_;
};

// Lower-cased copy of a C string; "" for null.
std::string lower(const char* text);
inline std::string text_or_empty(const char* text) {
  return text ? std::string(text) : std::string();
}

}  // namespace jemhead::mime::gmime
