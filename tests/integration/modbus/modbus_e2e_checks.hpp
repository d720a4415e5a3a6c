#pragma once
// Checks shared by the Modbus end-to-end tests: compare what jemhead stored with jemsim's
// Modbus truth (GET /meters/{serial}/modbus), value by value and exactly.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "tests/integration/support/daemons.hpp"
#include "tests/integration/support/meter_api.hpp"

namespace jemhead::testing {

namespace json = boost::json;

// Stored counters and analogs equal the truth's decoded values exactly, in map order.
inline void expect_stored_equals_truth(Jemhead& head, std::int64_t id, const json::object& truth) {
  const auto& points = truth.at("points").as_object();
  const auto& counters = points.at("counters").as_array();
  const auto registers = stored_items(head, id, "registers");
  ASSERT_EQ(registers.size(), counters.size());
  for (std::size_t i = 0; i < counters.size(); ++i) {
    EXPECT_EQ(registers[i].at("value").to_number<double>(),
              counters[i].at("value").to_number<double>())
        << "counter " << i + 1;
  }
  const auto& analogs = points.at("analogs").as_array();
  const auto values = stored_items(head, id, "instantaneous");
  ASSERT_EQ(values.size(), analogs.size());
  for (std::size_t i = 0; i < analogs.size(); ++i) {
    EXPECT_EQ(values[i].at("value").to_number<double>(), analogs[i].at("value").to_number<double>())
        << "analog " << i + 1;
  }
  auto r = head.call("GET", "/api/v1/meters/" + std::to_string(id) + "/status", "", kViewerToken);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto snapshot = r.json().at("latest").at("points").as_array();
  const auto& inputs = points.at("discrete_inputs").as_array();
  ASSERT_EQ(snapshot.size(), inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i)
    EXPECT_EQ(snapshot[i].at("active").as_bool(), inputs[i].at("active").as_bool());
}

}  // namespace jemhead::testing
