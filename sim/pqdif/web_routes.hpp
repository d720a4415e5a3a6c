#pragma once
// The meter's web server routes (docs/simulator.md, "PQDIF"): the PQDIF directory
// listing and files, for users with 'Read Power Quality'.
//
//   GET    /pqdif          listing: HTML like a directory index (name, time, size in
//                          bytes); JSON with ?format=json or Accept: application/json
//   GET    /pqdif/NAME     the file's bytes (application/octet-stream)
//   DELETE /pqdif/NAME     removes it (204)
//
// 401 with a Basic challenge without valid credentials, 403 for a user without the right,
// 404 for an unknown path or file, 405 for another method.
#include "net/http_server.hpp"
#include "sim/pqdif/pqdif_recorder.hpp"
#include "sim/pqdif/pqdif_spec.hpp"

namespace jemhead::sim {

// `recorder` is null for a meter without a PQ recorder (its /pqdif answers 404). `now` is
// the meter's simulated time.
net::HttpResponse web_request(const net::HttpRequest& request, const WebServerSpec& spec,
                              PqdifRecorder* recorder, UtcTime now);

// The HTML listing, also used by tests to check the format.
std::string pqdif_listing_html(const std::vector<PqdifFileInfo>& files);

}  // namespace jemhead::sim
