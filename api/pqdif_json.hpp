#pragma once
// The JSON of a stored PQDIF file (GET /api/v1/pqdif, /api/v1/pqdif/{id}, upload answers).
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "core/pqdif_stored_file.hpp"

namespace jemhead::api {

// `meter_serial`: the serial of the file's meter when it has one (null otherwise).
boost::json::object pqdif_file_json(const PqdifStoredFile& f,
                                    const std::optional<std::string>& meter_serial);

}  // namespace jemhead::api
