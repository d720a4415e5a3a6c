#pragma once
// A database as a build that knew schema steps 1..last_step left it, for the migration
// tests: every step's SQL as the migrations hold it, each recorded in schema_version.
#include <string>

#include "raw_sqlite.hpp"
#include "storage/sqlite/migrations.hpp"

namespace jemhead::storage::testing {

inline void apply_schema_steps(RawDb& db, int last_step) {
  db.exec(
      "CREATE TABLE schema_version (version INTEGER PRIMARY KEY,"
      " description TEXT NOT NULL, applied_at_us INTEGER NOT NULL)");
  for (const auto& step : sqlite::migrations()) {
    if (step.version > last_step) break;
    std::string sql(step.sql);
    if (step.version == 6) {
      // Step 6 packs the old rows with SQL functions only the repository's connections
      // have; there are none to pack here, so the copy is left out.
      sql = sql.substr(0, sql.find("INSERT INTO")) + sql.substr(sql.find("DROP TABLE"));
    }
    db.exec(sql);
    db.exec("INSERT INTO schema_version VALUES (" + std::to_string(step.version) + ", 'old', 0)");
  }
}

}  // namespace jemhead::storage::testing
