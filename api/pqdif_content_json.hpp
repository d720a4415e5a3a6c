#pragma once
// The JSON of a parsed PQDIF file's content (GET /api/v1/pqdif/{id}/observations and
// /observations/{index}). GUIDs and the standard's numbers are given as stored, next to
// their names from the codec's tables (core/pqdif/tags.hpp; null when a file uses one the
// tables do not know).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/pqdif_content.hpp"

namespace jemhead::api {

// An observation's own fields (no channels).
boost::json::object pqdif_observation_json(const PqdifObservationRow& o);
// The observation with its channel instances, each with its series' metadata.
boost::json::object pqdif_observation_listing_json(const PqdifObservationRow& o);
// A series' metadata (channel instance, series, types, units, value count): no values.
boost::json::object pqdif_series_json(const PqdifSeriesRow& s);
// Numbers, with NaN and infinities as null (JSON has no such numbers).
boost::json::array pqdif_values_json(const std::vector<double>& values);

}  // namespace jemhead::api
