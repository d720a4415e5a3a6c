#pragma once
// Application-defined SQL functions over the load-profile interval blob
// (load_profile_blob.hpp), registered on every connection when it opens, so the upsert's
// conflict clause and schema migration 6 can use them:
//
//   lp_merge(old_vals, old_status, new_vals, new_status)        -> the merged blob
//   lp_merge_status(old_vals, old_status, new_vals, new_status) -> the merged row status
//       the channels in new_vals replace those in old_vals, the others are kept
//   lp_pack(channel, value, status)   aggregate: one interval's blob from per-channel rows
//   lp_status_or(status)              aggregate: bitwise OR, the row status lp_pack implies
//
// A stored blob that does not decode, or a channel outside 1..16, makes the statement fail
// with an error naming what is wrong.
struct sqlite3;

namespace jemhead::storage::sqlite {

// Throws StorageError when SQLite refuses a registration.
void register_load_profile_functions(sqlite3* db);

}  // namespace jemhead::storage::sqlite
