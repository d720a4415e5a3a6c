#pragma once
// Schema migrations: numbered steps, each applied once, in order, in its own transaction,
// recorded in the `schema_version` table. A database whose version is newer than the
// newest step this build knows is refused (an older jemhead must not write a schema it
// does not understand). Never edit a released step: add a new one.
#include <span>
#include <string_view>

namespace jemhead::storage::sqlite {

class Connection;

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> migrations();
int latest_schema_version();

// The version recorded in the database (0 for a new one).
int stored_schema_version(Connection& connection);

// Brings the database up to latest_schema_version() and returns it. Safe when several
// processes open the same file at once: each step re-checks the version under the write
// lock. Throws StorageError for a database newer than this code.
int migrate(Connection& connection);

}  // namespace jemhead::storage::sqlite
