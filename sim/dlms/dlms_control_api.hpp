#pragma once
// jemsim's control routes for the DLMS servers, next to sim/control_api.hpp:
//
//   GET /dlms                     every meter's DLMS endpoint
//   GET /meters/{serial}/dlms     endpoint, the values served now, counters
//   GET, POST /meters/{serial}/dlms/faults   the injected fault (DlmsFault)
//
// handle() answers nullopt for any other route so the caller can try the next table.
#include <optional>

#include "net/http_server.hpp"
#include "sim/dlms/dlms_service.hpp"

namespace jemhead::sim {

class DlmsControlApi {
 public:
  explicit DlmsControlApi(DlmsService& service) : service_(service) {}
  std::optional<net::HttpResponse> handle(const net::HttpRequest& request) const;

 private:
  DlmsService& service_;
};

}  // namespace jemhead::sim
