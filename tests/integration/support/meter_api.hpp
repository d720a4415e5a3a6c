#pragma once
// Registering a meter with one connection profile through jemhead's REST API, and reading
// back what it stored: the steps every end-to-end protocol test starts and ends with.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "tests/integration/support/daemons.hpp"

namespace jemhead::testing {

inline std::int64_t add_meter_with_connection(Jemhead& head, const std::string& serial,
                                              const boost::json::object& connection) {
  auto r =
      head.call("POST", "/api/v1/meters",
                boost::json::serialize(boost::json::object{{"serial", serial}, {"name", serial}}),
                kOperatorToken);
  EXPECT_EQ(r.status, 201) << r.body;
  const auto id = r.json().at("id").as_int64();
  r = head.call("POST", "/api/v1/meters/" + std::to_string(id) + "/connections",
                boost::json::serialize(connection), kOperatorToken);
  EXPECT_EQ(r.status, 201) << r.body;
  return id;
}

inline boost::json::array stored_items(Jemhead& head, std::int64_t id, const std::string& what) {
  auto r = head.call("GET", "/api/v1/meters/" + std::to_string(id) + "/" + what, "", kViewerToken);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json().at("items").as_array();
}

}  // namespace jemhead::testing
