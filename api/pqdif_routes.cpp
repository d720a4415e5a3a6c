// Stored PQDIF files (issue 6):
//   GET  /api/v1/pqdif                 list, newest stored first; filters meter, type (bits
//                                      or names), from/to (time in the file name), source,
//                                      status (parse status), name; keyset paging by id
//   GET  /api/v1/pqdif/{id}            metadata
//   GET  /api/v1/pqdif/{id}/download   the original bytes (ETag = sha256)
//   GET  /api/v1/pqdif/{id}/observations[/{index}]  parsed content: pqdif_observation_routes
//   POST /api/v1/pqdif?name=&meter=    an operator uploads a file (body = its bytes):
//                                      201 when stored now, 200 with the stored one;
//                                      the parser is told (it parses off this thread)
#include <boost/json.hpp>
#include <charconv>

#include "api/meter_serials.hpp"
#include "api/pqdif_json.hpp"
#include "api/problem.hpp"
#include "api/query_filters.hpp"
#include "api/routes.hpp"
#include "core/pqdif_file_name.hpp"
#include "engine/pqdif_parser.hpp"
#include "storage/pqdif_ingest.hpp"

namespace jemhead::api {

namespace json = boost::json;

namespace {

std::optional<std::uint32_t> bits_number(std::string_view text) {
  std::uint32_t v = 0;
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc{} || p != end) return std::nullopt;
  return v;
}

// "7" (the DataType number of the file names) or "waveform_capture,high_speed_rms".
std::uint32_t type_param(const Call& call) {
  const auto* v = query_value(call, "type");
  if (!v) return 0;
  if (auto bits = bits_number(*v)) {
    if (*bits == 0) bad_filter("type", "must name at least one data type bit");
    return *bits;
  }
  std::uint32_t bits = 0;
  std::string_view rest = *v;
  while (true) {
    const auto comma = rest.find(',');
    const auto name = rest.substr(0, comma);
    const auto bit = pqdif_data_type_bit(name);
    if (!bit)
      bad_filter("type",
                 "must be a number or names from sag_swell, waveform_capture, high_speed_rms, "
                 "measurement_log, rapid_voltage_change, voltage_interruption, daily");
    bits |= *bit;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return bits;
}

PqdifStoredFile find_file(ApiContext& ctx, Call& call) {
  const auto id = path_id(call, "id", "PQDIF file");
  auto f = ctx.repo.find_pqdif_file(id);
  if (!f) throw ApiError(404, "no PQDIF file with id " + std::to_string(id));
  return std::move(*f);
}

storage::FileStore& file_store(ApiContext& ctx) {
  if (!ctx.options.pqdif_files) throw ApiError(503, "no PQDIF file store is configured");
  return *ctx.options.pqdif_files;
}

net::HttpResponse list_files(ApiContext& ctx, Call& call) {
  allow_query(call, {"meter", "type", "from", "to", "source", "status", "name", "after", "limit"});
  storage::PqdifFileFilter filter;
  filter.meter_id = meter_filter(call);
  filter.data_type_any = type_param(call);
  filter.file_time = time_range_filter(call);
  filter.source = enum_filter<PqdifSource>(call, "source");
  filter.parse_status = enum_filter<PqdifParseStatus>(call, "status");
  if (const auto* name = query_value(call, "name")) filter.file_name = *name;
  const auto page = page_from_query(call);
  MeterSerials serials(ctx.repo);
  json::array items;
  std::int64_t last = 0;
  for (const auto& f : ctx.repo.list_pqdif_files(filter, page)) {
    items.push_back(pqdif_file_json(f, serials.of(f.meter_id)));
    last = f.id;
  }
  return json_response(200, page_body(std::move(items), last, page.limit));
}

net::HttpResponse get_file(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto f = find_file(ctx, call);
  return json_response(200, pqdif_file_json(f, meter_serial(ctx.repo, f.meter_id)));
}

// A file name goes into Content-Disposition: keep it to one safe quoted-string.
std::string attachment_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u >= 0x7f || c == '"' || c == '\\' || c == '/' ? '_' : c);
  }
  return out.empty() ? std::string("file.pqd") : out;
}

net::HttpResponse download_file(ApiContext& ctx, Call& call) {
  allow_query(call, {});
  const auto f = find_file(ctx, call);
  auto& files = file_store(ctx);
  std::string etag = "\"";
  etag += f.sha256;
  etag += '"';
  net::HttpResponse r;
  r.headers.emplace_back("ETag", etag);
  if (call.request.header("if-none-match") == etag && files.size_of(f.sha256) == f.size_bytes) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  auto bytes = files.read(f.sha256);
  if (!bytes)
    throw ApiError(404, "the bytes of PQDIF file " + std::to_string(f.id) + " (sha256 " + f.sha256 +
                            ") are missing from the file store");
  if (static_cast<std::int64_t>(bytes->size()) != f.size_bytes)
    throw ApiError(500, "the stored bytes of PQDIF file " + std::to_string(f.id) + " have " +
                            std::to_string(bytes->size()) + " bytes, not " +
                            std::to_string(f.size_bytes));
  r.status = 200;
  r.content_type = "application/octet-stream";
  r.body = std::move(*bytes);
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + attachment_name(f.file_name) + "\"");
  return r;
}

// What a client may name an uploaded file: one plain path segment.
void check_upload_name(const std::string* name) {
  if (!name || name->empty())
    throw ApiError(400, "query parameter name: the meter's file name is required",
                   {{"name", "required"}});
  bool plain = name->size() <= 255 && *name != "." && *name != "..";
  for (char c : *name) {
    const auto u = static_cast<unsigned char>(c);
    plain = plain && u >= 0x20 && u != 0x7f && c != '/' && c != '\\';
  }
  if (!plain)
    throw ApiError(400,
                   "query parameter name: must be a plain file name (no path, at most 255 bytes)",
                   {{"name", "must be a plain file name"}});
}

net::HttpResponse upload_file(ApiContext& ctx, Call& call) {
  allow_query(call, {"name", "meter"});
  const auto* name = query_value(call, "name");
  check_upload_name(name);
  const auto meter = meter_filter(call);
  if (meter && !ctx.repo.find_meter(*meter))
    bad_filter("meter", "no meter with id " + std::to_string(*meter));
  if (call.request.body.empty()) throw ApiError(400, "the request body must hold the file's bytes");
  auto& files = file_store(ctx);

  storage::PqdifArrival arrival;
  arrival.file_name = *name;
  arrival.source = PqdifSource::upload;
  arrival.meter_id = meter;
  arrival.also = [&](storage::Store& s, const PqdifStoredFile& stored, bool created) {
    if (!created) return;  // nothing changed, nothing to audit
    json::object detail{{"file_name", stored.file_name},
                        {"size_bytes", stored.size_bytes},
                        {"sha256", stored.sha256},
                        {"meter_id", stored.meter_id ? json::value(*stored.meter_id) : nullptr}};
    s.append_audit(audit_entry(call, "pqdif.upload", "pqdif/" + std::to_string(stored.id), detail));
  };
  const auto stored = storage::ingest_pqdif_bytes(ctx.repo, files, arrival, call.request.body);
  if (stored.created && ctx.options.pqdif_parser) ctx.options.pqdif_parser->notify();
  const auto body = pqdif_file_json(stored.file, meter_serial(ctx.repo, stored.file.meter_id));
  if (!stored.created) return json_response(200, body);
  return created_response(body, "/api/v1/pqdif/" + std::to_string(stored.file.id));
}

}  // namespace

void add_pqdif_routes(Router& router, ApiContext& ctx) {
  auto bind = [&ctx](auto fn) { return [&ctx, fn](Call& c) { return fn(ctx, c); }; };
  router.add({"GET", "/api/v1/pqdif", Role::viewer, bind(list_files)});
  router.add({"POST", "/api/v1/pqdif", Role::operator_, bind(upload_file)});
  router.add({"GET", "/api/v1/pqdif/{id}", Role::viewer, bind(get_file)});
  router.add({"GET", "/api/v1/pqdif/{id}/download", Role::viewer, bind(download_file)});
  add_pqdif_observation_routes(router, ctx);
}

}  // namespace jemhead::api
