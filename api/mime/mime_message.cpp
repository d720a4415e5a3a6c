// A meter's e-mail and a web alarm's multipart/form-data body, read with GMime. GMime is
// lenient (it reads what it can of a damaged message); what must not pass here is a body
// cut short, so GMime's truncation warning and our own closing-boundary check both refuse.
#include "api/mime/mime_message.hpp"

#include "api/mime/gmime_support.hpp"

namespace jemhead::mime {

namespace {

std::string counted(std::string_view what, std::size_t limit) {
  std::string msg(what);
  msg += std::to_string(limit);
  return msg;
}

// "type/subtype", lower case; "text/plain" when absent (RFC 2045's default).
std::string mime_type_of(GMimeObject* object) {
  std::string text;
  if (GMimeContentType* type = g_mime_object_get_content_type(object)) {
    char* mime_type = g_mime_content_type_get_mime_type(type);
    text = gmime::lower(mime_type);
    g_free(mime_type);
  }
  return text.empty() ? "text/plain" : text;
}

MimePart leaf(GMimeObject* object) {
  MimePart part;
  part.content_type = mime_type_of(object);
  part.charset = gmime::text_or_empty(g_mime_object_get_content_type_parameter(object, "charset"));
  part.disposition = gmime::lower(g_mime_object_get_disposition(object));
  part.field_name =
      gmime::text_or_empty(g_mime_object_get_content_disposition_parameter(object, "name"));
  GMimePart* mime_part = GMIME_PART(object);
  part.file_name = gmime::text_or_empty(g_mime_part_get_filename(mime_part));

  // Writing the content out undoes its transfer encoding (base64, quoted-printable); the
  // bytes are not converted from their charset.
  if (GMimeDataWrapper* content = g_mime_part_get_content(mime_part)) {
    gmime::Ref<GMimeStream> out(g_mime_stream_mem_new());
    if (g_mime_data_wrapper_write_to_stream(content, out.get()) < 0)
      throw MimeError("a MIME part's content could not be decoded");
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    part.body.assign(reinterpret_cast<const char*>(bytes->data), bytes->len);
  }
  return part;
}

// Depth first, leaves only. `entities` counts every part below the root, containers too,
// so a multipart holding thousands of empty multiparts is refused as well.
class Walker {
 public:
  explicit Walker(const MimeLimits& limits) : limits_(limits) {}

  void walk(GMimeObject* object, std::size_t depth, std::vector<MimePart>& out) {
    if (depth > limits_.max_depth)
      throw MimeError(counted("MIME parts nest deeper than the limit of ", limits_.max_depth));
    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      const int count = g_mime_multipart_get_count(multipart);
      for (int i = 0; i < count; ++i) {
        count_one();
        walk(g_mime_multipart_get_part(multipart, i), depth + 1, out);
      }
    } else if (GMIME_IS_MESSAGE_PART(object)) {  // a forwarded mail (message/rfc822)
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      if (GMimeObject* body = inner ? g_mime_message_get_mime_part(inner) : nullptr) {
        count_one();
        walk(body, depth + 1, out);
      }
    } else if (GMIME_IS_PART(object)) {
      out.push_back(leaf(object));
    }
  }

 private:
  void count_one() {
    if (++entities_ > limits_.max_parts)
      throw MimeError(counted("MIME message has more parts than the limit of ", limits_.max_parts));
  }

  const MimeLimits& limits_;
  std::size_t entities_ = 0;
};

void check_issues(const gmime::ParseIssues& issues) {
  if (issues.nesting_overflow) throw MimeError("MIME parts nest too deeply");
  if (issues.missing_boundary) throw MimeError("a multipart part has no boundary");
  if (issues.truncated)
    throw MimeError("MIME message ends before a multipart's closing boundary (truncated)");
}

void add_addresses(InternetAddressList* list, std::vector<std::string>& out, int depth = 0) {
  if (!list) return;
  const int count = internet_address_list_length(list);
  for (int i = 0; i < count; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      out.push_back(gmime::text_or_empty(
          internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address))));
    } else if (INTERNET_ADDRESS_IS_GROUP(address) && depth == 0) {  // groups do not nest
      add_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out,
                    depth + 1);
    }
  }
}

// True when `body` holds "--<boundary>--" at the start of a line: the form was sent whole.
bool has_closing_boundary(std::string_view body, std::string_view boundary) {
  std::string closing = "--";
  closing += boundary;
  closing += "--";
  for (std::size_t at = body.find(closing); at != std::string_view::npos;
       at = body.find(closing, at + 1)) {
    if (at == 0 || body[at - 1] == '\n') return true;
  }
  return false;
}

}  // namespace

MailMessage parse_mail(std::string_view raw, const MimeLimits& limits) {
  gmime::ParseIssues issues;
  gmime::Parser parser({}, raw, issues);
  gmime::Ref<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), parser.options()));
  if (!message) throw MimeError("not a MIME message (no header block)");
  check_issues(issues);

  MailMessage mail;
  GMimeObject* as_object = GMIME_OBJECT(message.get());
  std::vector<std::string> from;
  add_addresses(g_mime_message_get_from(message.get()), from);
  mail.from = from.empty() ? gmime::text_or_empty(g_mime_object_get_header(as_object, "From"))
                           : from.front();
  add_addresses(g_mime_message_get_addresses(message.get(), GMIME_ADDRESS_TYPE_TO), mail.to);
  add_addresses(g_mime_message_get_addresses(message.get(), GMIME_ADDRESS_TYPE_CC), mail.to);
  mail.subject = gmime::text_or_empty(g_mime_message_get_subject(message.get()));
  mail.date = gmime::text_or_empty(g_mime_object_get_header(as_object, "Date"));
  mail.message_id = gmime::text_or_empty(g_mime_message_get_message_id(message.get()));

  GMimeObject* body = g_mime_message_get_mime_part(message.get());
  mail.content_type = "text/plain";
  if (body) {
    mail.content_type = mime_type_of(body);
    Walker(limits).walk(body, 0, mail.parts);
  }
  return mail;
}

std::vector<MimePart> parse_form_data(std::string_view content_type, std::string_view body,
                                      const MimeLimits& limits) {
  // The header value goes into a synthetic header block: a line break in it would add
  // headers of the sender's choosing.
  if (content_type.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos)
    throw MimeError("Content-Type has a line break");
  gmime::ensure_initialised();
  const std::string type_text(content_type);
  gmime::Ref<GMimeContentType> type(g_mime_content_type_parse(nullptr, type_text.c_str()));
  if (!type || !g_mime_content_type_is_type(type.get(), "multipart", "*")) {
    std::string msg = "Content-Type \"";
    msg += type_text;
    msg += "\" is not multipart";
    throw MimeError(msg);
  }
  const char* boundary = g_mime_content_type_get_parameter(type.get(), "boundary");
  if (!boundary || *boundary == '\0') throw MimeError("multipart Content-Type has no boundary");
  if (!has_closing_boundary(body, boundary))
    throw MimeError("form data ends before its closing boundary (truncated upload)");

  std::string head = "Content-Type: ";
  head += type_text;
  head += "\r\n\r\n";
  gmime::ParseIssues issues;
  gmime::Parser parser(head, body, issues);
  gmime::Ref<GMimeObject> root(g_mime_parser_construct_part(parser.get(), parser.options()));
  check_issues(issues);
  if (!root || !GMIME_IS_MULTIPART(root.get())) throw MimeError("form data is not multipart");
  std::vector<MimePart> parts;
  Walker(limits).walk(root.get(), 0, parts);
  return parts;
}

}  // namespace jemhead::mime
