#pragma once
// The push part of the PQDIF truth (GET /meters/{serial}/pqdif): each stored file's
// `pushed_at` / `push_error`, and a `push` object with the settings and the whole push log
// (which also names files deleted after sending and the Test button's samples).
#include <boost/json/value.hpp>

#include "sim/pqdif/push/pqdif_pusher.hpp"

namespace jemhead::sim {

// `files` is the truth's array of file objects (each with "name").
void add_push_state(boost::json::value& files, const PushStatus& status);
boost::json::value push_status_json(const PushStatus& status);

}  // namespace jemhead::sim
