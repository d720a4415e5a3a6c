#pragma once
// The PQDIF truth (GET /meters/{serial}/pqdif): every file the meter holds with its
// name, size, sha256, data type and a summary of each observation, so a test can compare
// what a head-end retrieved and parsed with what the meter wrote.
#include <boost/json/value.hpp>
#include <deque>

#include "sim/pqdif/pq_events.hpp"
#include "sim/pqdif/pqdif_file_builder.hpp"

namespace jemhead::sim {

boost::json::value pqdif_files_json(const std::deque<PqdifFile>& files);
boost::json::value pq_event_json(const PqEvent& event);

}  // namespace jemhead::sim
