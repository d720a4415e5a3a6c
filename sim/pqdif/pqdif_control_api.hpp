#pragma once
// jemsim's control routes for PQ recording and PQDIF files, next to sim/control_api.hpp:
//
//   GET  /pqdif                          every meter's web server URL and recorder
//   GET  /meters/{serial}/pqdif          the files held now (?name=NAME for one), with
//                                        size, sha256, data type and observation summaries,
//                                        pushed_at/push_error, and the push log ("push")
//   POST /meters/{serial}/pqdif/trigger  {"kind": "sag"|"swell"|"rvc"|"interruption"}
//   POST /meters/{serial}/pqdif/push-test  the Remote Server Test button: a sample file
//                                        sent now ({name, size, sent, push_error})
//
// handle() answers nullopt for any other route so the caller can try the next table.
#include <boost/json/value.hpp>
#include <optional>

#include "net/http_server.hpp"
#include "sim/pqdif/pqdif_service.hpp"

namespace jemhead::sim {

class PqdifControlApi {
 public:
  explicit PqdifControlApi(PqdifService& service) : service_(service) {}
  std::optional<net::HttpResponse> handle(const net::HttpRequest& request) const;

 private:
  PqdifService& service_;
};

boost::json::value pqdif_endpoints_json(const PqdifService& service);

}  // namespace jemhead::sim
