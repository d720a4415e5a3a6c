#pragma once
// Listings show each row's meter serial next to its meter id. A page holds the rows of a
// few meters, so MeterSerials looks each meter up once per page.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "storage/repository.hpp"

namespace jemhead::api {

// None for no meter (a quarantined row) or one that has been deleted since.
std::optional<std::string> meter_serial(storage::Store& store,
                                        const std::optional<std::int64_t>& meter);

class MeterSerials {
 public:
  explicit MeterSerials(storage::Store& store) : store_(store) {}
  std::optional<std::string> of(const std::optional<std::int64_t>& meter);

 private:
  storage::Store& store_;
  std::map<std::int64_t, std::optional<std::string>> known_;
};

}  // namespace jemhead::api
