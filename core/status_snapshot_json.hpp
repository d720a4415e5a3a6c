#pragma once
// The JSON form of a status snapshot: what the API answers and what the collection keeps
// as the "previous snapshot" checkpoint that status edges are detected against.
#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "core/status_snapshot.hpp"

namespace jemhead {

boost::json::object to_json(const StatusSnapshot& s);

// The snapshot stored as a checkpoint; nullopt for text that is not one (treated as "no
// previous snapshot", so a damaged checkpoint costs one round of "set" edges, not a crash).
std::optional<StatusSnapshot> status_snapshot_from_json(std::string_view text);

}  // namespace jemhead
