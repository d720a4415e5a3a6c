// Fuzz target over the request-body decoders (JSON -> core structs + validation), the code
// every write to the API runs on untrusted input. The only acceptable failure is ApiError;
// any other exception, a crash or a broken round trip is a bug.
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/connection_json.hpp"
#include "api/meter_json.hpp"
#include "api/problem.hpp"

namespace {

using namespace jemhead;

void fuzz_meter(std::string_view body) {
  Meter base;
  base.identification = default_identification();
  Meter decoded;
  try {
    decoded = api::decode_meter(body, base);
  } catch (const api::ApiError& e) {
    if (e.status != 400 && e.status != 422) std::abort();
    return;
  }
  // What we accepted, we must print in a form we accept again, unchanged.
  const auto printed = boost::json::serialize(api::to_json(decoded));
  const auto again = api::decode_meter(printed, base);
  if (boost::json::serialize(api::to_json(again)) != printed) std::abort();
}

void fuzz_connection(std::string_view body) {
  ConnectionProfile decoded;
  try {
    decoded = api::decode_connection(body, ConnectionProfile{}, R"({"password":"stored"})");
  } catch (const api::ApiError& e) {
    if (e.status != 400 && e.status != 422) std::abort();
    return;
  }
  if (decoded.options_json.size() > api::kConnectionOptionsMaxBytes) std::abort();
  // The options we store are always a JSON object.
  if (!boost::json::parse(decoded.options_json).is_object()) std::abort();
  (void)boost::json::serialize(api::to_json(decoded));
}

void fuzz_group(std::string_view body) {
  try {
    (void)api::decode_group(body, Group{});
  } catch (const api::ApiError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  fuzz_meter(body);
  fuzz_connection(body);
  fuzz_group(body);
  return 0;
}
