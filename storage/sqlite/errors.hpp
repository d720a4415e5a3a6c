#pragma once
// Turns SQLite result codes into the storage contract's exception types, so callers of the
// Repository never see an SQLite code: a broken uniqueness rule is a Conflict, a reference
// to a missing row is NotFound, everything else is a StorageError with SQLite's message.
#include <cstdint>
#include <string_view>

#include "storage/repository.hpp"

struct sqlite3;

namespace jemhead::storage::sqlite {

// Throws the exception matching `rc` (an SQLite result code, extended or primary) with
// `context` (what we were doing) and the connection's error message.
[[noreturn]] void throw_sqlite_error(sqlite3* db, int rc, std::string_view context);

// NotFound "<what> for meter N: the meter does not exist", for a row whose meter reference
// failed.
[[noreturn]] void throw_unknown_meter(std::string_view what, std::int64_t meter_id);

}  // namespace jemhead::storage::sqlite
