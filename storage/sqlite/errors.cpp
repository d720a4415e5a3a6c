#include "storage/sqlite/errors.hpp"

#include <sqlite3.h>

#include <string>

namespace jemhead::storage::sqlite {

void throw_sqlite_error(sqlite3* db, int rc, std::string_view context) {
  std::string message(context);
  message += ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: throw Conflict(message);
    // Foreign keys only point from a row to its owner (meter, group): a failure means the
    // owner does not exist. Deletes that would orphan rows are checked before they run
    // and reported as Conflict by the caller with a precise message.
    case SQLITE_CONSTRAINT_FOREIGNKEY: throw NotFound(message);
    default: throw StorageError(message);
  }
}

void throw_unknown_meter(std::string_view what, std::int64_t meter_id) {
  std::string text(what);
  text += " for meter " + std::to_string(meter_id) + ": the meter does not exist";
  throw NotFound(text);
}

}  // namespace jemhead::storage::sqlite
