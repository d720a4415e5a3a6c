// A stored PQDIF file's parsed content over REST (issue 6): an upload is parsed by the
// parser the API tells, then listed with its channels and series, read value by value,
// filtered by channel instance and thinned for plotting with its peaks kept.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "api/pqdif_decimation.hpp"
#include "engine/pqdif_parser.hpp"
#include "storage/file_store.hpp"
#include "tests/data/pqdif_files.hpp"
#include "tests/unit/api/api_fixture.hpp"
#include "tests/unit/storage/storage_test_support.hpp"

namespace jemhead::testing {
namespace {

namespace json = boost::json;

std::string secha_bytes() {
  std::ifstream in(pqdif_test_file("secha-example.pqd"), std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<double> numbers(const json::value& values) {
  std::vector<double> out;
  for (const auto& v : values.as_array())
    out.push_back(v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.to_number<double>());
  return out;
}

class PqdifObservationsApiTest : public ApiTest {
 protected:
  void configure(api::ApiOptions& options) override {
    files_ = std::make_shared<storage::FileStore>(dir_.file("pqdif"));
    parser_ = std::make_shared<engine::PqdifParser>(*repo_, files_, nullptr);
    parser_->start();
    options.pqdif_files = files_;
    options.pqdif_parser = parser_;
  }
  void TearDown() override {
    parser_->stop();  // before the repository closes
    ApiTest::TearDown();
  }

  // Uploads, waits for the parser, returns the file's id.
  std::int64_t uploaded(const std::string& name, const std::string& bytes) {
    auto r =
        call("POST", "/api/v1/pqdif?name=" + name, kOperator, bytes, "application/octet-stream");
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_TRUE(parser_->wait_idle(std::chrono::seconds(30)));
    return r.status == 201 ? r.json().at("id").as_int64() : 0;
  }
  json::value get(const std::string& target, int status = 200) {
    auto r = call("GET", target, kViewer);
    EXPECT_EQ(r.status, status) << target << ": " << r.body;
    return r.status == status ? r.json() : json::value();
  }
  std::string observations_path(std::int64_t id) {
    return "/api/v1/pqdif/" + std::to_string(id) + "/observations";
  }

  storage::testing::TempDir dir_;
  std::shared_ptr<storage::FileStore> files_;
  std::shared_ptr<engine::PqdifParser> parser_;
};

using PqdifObservationsApi = PqdifObservationsApiTest;

TEST_F(PqdifObservationsApi, UploadedFileIsParsedAndListedWithChannelsAndSeries) {
  const auto id = uploaded("secha-example.pqd", secha_bytes());
  const auto meta = get("/api/v1/pqdif/" + std::to_string(id));
  EXPECT_EQ(meta.at("parse_status").as_string(), "ok");

  const auto body = get(observations_path(id));
  EXPECT_EQ(body.at("file_id").as_int64(), id);
  EXPECT_EQ(body.at("parse_status").as_string(), "ok");
  const auto& observations = body.at("observations").as_array();
  ASSERT_EQ(observations.size(), 47u);
  std::int64_t instances = 0;
  for (const auto& o : observations) instances += o.at("channel_count").as_int64();
  EXPECT_EQ(instances, 312);

  const auto& first = observations[0].as_object();
  EXPECT_EQ(first.at("index").as_int64(), 0);
  EXPECT_EQ(first.at("name").as_string(), "Steady-state trend");
  EXPECT_EQ(first.at("time_start").as_string(), "1999-06-01T01:06:20.000000Z");
  EXPECT_EQ(first.at("trigger_method").as_string(), "ID_TRIGGER_METH_PERIODIC");
  EXPECT_TRUE(first.at("time_triggered").is_null());
  const auto& channels = first.at("channels").as_array();
  ASSERT_EQ(channels.size(), 6u);
  const auto& vab = channels[0].as_object();
  EXPECT_EQ(vab.at("channel").as_int64(), 0);
  EXPECT_EQ(vab.at("phase").as_string(), "ID_PHASE_AB");
  EXPECT_FALSE(vab.at("name").as_string().empty());
  EXPECT_EQ(vab.at("quantity_type_name").as_string(), "ID_QT_VALUELOG");
  const auto& series = vab.at("series").as_array();
  ASSERT_EQ(series.size(), 4u);
  EXPECT_EQ(series[0].at("value_type_name").as_string(), "ID_SERIES_VALUE_TYPE_TIME");
  EXPECT_EQ(series[0].at("units").as_string(), "ID_QU_SECONDS");
  EXPECT_EQ(series[0].at("value_count").as_int64(), 96);
  EXPECT_EQ(series[1].at("value_type_name").as_string(), "ID_SERIES_VALUE_TYPE_MIN");
  EXPECT_EQ(series[1].at("units").as_string(), "ID_QU_VOLTS");
  EXPECT_FALSE(series[1].as_object().contains("values"));  // metadata only
  EXPECT_EQ(channels[1].at("series").as_array()[0].at("shared_from").as_string(), "0/0");
}

TEST_F(PqdifObservationsApi, ValuesEqualTheStoredSeries) {
  const auto id = uploaded("secha-example.pqd", secha_bytes());
  const auto body = get(observations_path(id) + "/0");
  EXPECT_EQ(body.at("file_id").as_int64(), id);
  EXPECT_EQ(body.at("index").as_int64(), 0);
  EXPECT_TRUE(body.at("max_points").is_null());
  const auto& series = body.at("series").as_array();
  const auto observation = repo_->find_pqdif_observation(id, 0);
  ASSERT_TRUE(observation);
  const auto stored = repo_->pqdif_series(observation->id, {});
  ASSERT_EQ(series.size(), stored.size());
  ASSERT_EQ(series.size(), 24u);  // 6 channel instances x (time, min, max, avg)
  for (std::size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(series[i].at("channel").as_int64(), stored[i].channel_index);
    EXPECT_EQ(series[i].at("series").as_int64(), stored[i].series_index);
    EXPECT_FALSE(series[i].at("decimated").as_bool());
    // Boost.JSON's parser (1.81) may be one unit in the last place off the text the
    // serializer wrote (shortest round-trip form); the values are the stored ones.
    const auto got = numbers(series[i].at("values"));
    ASSERT_EQ(got.size(), stored[i].values.size()) << i;
    for (std::size_t k = 0; k < got.size(); ++k)
      EXPECT_NEAR(got[k], stored[i].values[k], 1e-12 * std::abs(stored[i].values[k])) << i;
  }
  EXPECT_NEAR(series[1].at("values").as_array()[0].to_number<double>(), 34501.96601772308, 1e-6);
}

TEST_F(PqdifObservationsApi, ChannelsFilterSelectsChannelInstances) {
  const auto id = uploaded("secha-example.pqd", secha_bytes());
  const auto body = get(observations_path(id) + "/0?channels=2,0");
  const auto& series = body.at("series").as_array();
  ASSERT_EQ(series.size(), 8u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(series[i].at("channel").as_int64(), 0);
  for (std::size_t i = 4; i < 8; ++i) EXPECT_EQ(series[i].at("channel").as_int64(), 2);
  get(observations_path(id) + "/0?channels=6", 400);  // 6 channel instances: 0..5
  get(observations_path(id) + "/0?channels=one", 400);
  get(observations_path(id) + "/0?channels=", 400);
}

TEST_F(PqdifObservationsApi, DecimationKeepsPeaksAndTimesWithinMaxPoints) {
  const auto id = uploaded("secha-example.pqd", secha_bytes());
  // The observation with the longest series: a waveform capture.
  std::int64_t longest = -1, longest_count = 0;
  for (const auto& o : repo_->list_pqdif_observations(id))
    for (const auto& s : o.series)
      if (s.value_count > longest_count) {
        longest_count = s.value_count;
        longest = o.index_in_file;
      }
  ASSERT_GT(longest_count, 1000);
  const auto full = get(observations_path(id) + "/" + std::to_string(longest));
  const auto thin = get(observations_path(id) + "/" + std::to_string(longest) + "?max_points=100");
  EXPECT_EQ(thin.at("max_points").as_int64(), 100);
  const auto& all = full.at("series").as_array();
  const auto& few = thin.at("series").as_array();
  ASSERT_EQ(all.size(), few.size());
  std::size_t decimated = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto whole = numbers(all[i].at("values"));
    const auto part = numbers(few[i].at("values"));
    EXPECT_LE(part.size(), 100u) << i;
    EXPECT_EQ(few[i].at("value_count").as_int64(), static_cast<std::int64_t>(whole.size()));
    if (whole.size() <= 100) {
      EXPECT_EQ(part, whole);
      continue;
    }
    ++decimated;
    EXPECT_TRUE(few[i].at("decimated").as_bool());
    EXPECT_GE(part.size(), 10u);  // thinned, not emptied
    // Peaks survive: the extremes of the thinned series are the whole series'.
    EXPECT_EQ(*std::max_element(part.begin(), part.end()),
              *std::max_element(whole.begin(), whole.end()))
        << i;
    EXPECT_EQ(*std::min_element(part.begin(), part.end()),
              *std::min_element(whole.begin(), whole.end()))
        << i;
    // Every kept value is one of the originals, in order.
    std::size_t at = 0;
    for (double v : part) {
      while (at < whole.size() && whole[at] != v) ++at;
      ASSERT_LT(at, whole.size()) << "value " << v << " of series " << i << " not in order";
      ++at;
    }
  }
  EXPECT_GT(decimated, 0u);
  // Within one channel instance, every series of that length keeps the same count: the
  // time series is thinned at the value series' indexes.
  for (std::size_t i = 1; i < few.size(); ++i) {
    if (few[i].at("channel") == few[i - 1].at("channel") &&
        few[i].at("value_count") == few[i - 1].at("value_count")) {
      EXPECT_EQ(few[i].at("values").as_array().size(), few[i - 1].at("values").as_array().size());
    }
  }
}

TEST_F(PqdifObservationsApi, PeakInTheMiddleOfABucketSurvivesWithItsTime) {
  // Hand-made content: a flat line with one spike, and a time axis.
  PqdifStoredFile f;
  f.file_name = "spike.pqd";
  f.sha256 = std::string(64, 'f');
  const auto id = repo_->insert_pqdif_file(f).id;
  PqdifObservationRow o;
  o.channel_count = 1;
  PqdifSeriesRow time, value;
  time.value_type = "c690e862-f755-11cf-9d89-0080c72e70a3";  // ID_SERIES_VALUE_TYPE_TIME
  value.series_index = 1;
  for (int i = 0; i < 1000; ++i) {
    time.values.push_back(i * 0.001);
    value.values.push_back(i == 537 ? 400.0 : (i == 912 ? -3.0 : 120.0));
  }
  o.series = {time, value};
  PqdifParseResult ok;
  ok.status = PqdifParseStatus::ok;
  ASSERT_TRUE(repo_->replace_pqdif_content(id, {&o, 1}, ok));

  const auto body = get(observations_path(id) + "/0?max_points=10");
  const auto& series = body.at("series").as_array();
  ASSERT_EQ(series.size(), 2u);
  const auto times = numbers(series[0].at("values"));
  const auto values = numbers(series[1].at("values"));
  ASSERT_EQ(times.size(), values.size());
  EXPECT_LE(values.size(), 10u);
  const auto spike = std::find(values.begin(), values.end(), 400.0);
  ASSERT_NE(spike, values.end());
  EXPECT_DOUBLE_EQ(times[static_cast<std::size_t>(spike - values.begin())], 0.537);
  const auto dip = std::find(values.begin(), values.end(), -3.0);
  ASSERT_NE(dip, values.end());
  EXPECT_DOUBLE_EQ(times[static_cast<std::size_t>(dip - values.begin())], 0.912);
}

TEST_F(PqdifObservationsApi, BadRequestsAndMissingThings) {
  const auto id = uploaded("secha-example.pqd", secha_bytes());
  get("/api/v1/pqdif/999/observations", 404);
  get("/api/v1/pqdif/999/observations/0", 404);
  get(observations_path(id) + "/47", 404);
  get(observations_path(id) + "/-1", 404);
  get(observations_path(id) + "/first", 404);
  get(observations_path(id) + "/0?max_points=1", 400);
  get(observations_path(id) + "/0?max_points=lots", 400);
  get(observations_path(id) + "/0?points=10", 400);
  get(observations_path(id) + "?channels=0", 400);
  EXPECT_EQ(call("GET", observations_path(id), "").status, 401);
}

TEST_F(PqdifObservationsApi, DamagedUploadsShowTheirStatusAndWhatWasRead) {
  const auto garbage = uploaded("garbage.pqd", std::string(100, 'g'));
  const auto failed = get(observations_path(garbage));
  EXPECT_EQ(failed.at("parse_status").as_string(), "failed");
  EXPECT_FALSE(failed.at("parse_error").as_string().empty());
  EXPECT_TRUE(failed.at("observations").as_array().empty());

  const auto whole = secha_bytes();
  const auto cut = uploaded("cut.pqd", whole.substr(0, whole.size() / 2));
  const auto partial = get(observations_path(cut));
  EXPECT_EQ(partial.at("parse_status").as_string(), "partial");
  EXPECT_NE(partial.at("parse_error").as_string().find("offset"), std::string::npos);
  const auto n = partial.at("observations").as_array().size();
  EXPECT_GT(n, 0u);
  EXPECT_LT(n, 47u);
}

TEST(PqdifObservationsApiDecimation, IndexesKeepEachSeriesExtremesAndTheEnds) {
  std::vector<double> a(1000, 1.0), b(1000, 5.0);
  a[10] = 9.0;    // a's peak
  b[700] = -9.0;  // b's dip, elsewhere
  a[500] = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::span<const double>> series{a, b};
  const auto keep = api::decimation_indexes(1000, series, 22);  // 2 + 5 buckets x 4
  EXPECT_LE(keep.size(), 22u);
  EXPECT_TRUE(std::is_sorted(keep.begin(), keep.end()));
  EXPECT_EQ(std::adjacent_find(keep.begin(), keep.end()), keep.end());  // distinct
  EXPECT_EQ(keep.front(), 0u);
  EXPECT_EQ(keep.back(), 999u);
  EXPECT_NE(std::find(keep.begin(), keep.end(), 10u), keep.end());
  EXPECT_NE(std::find(keep.begin(), keep.end(), 700u), keep.end());
  EXPECT_EQ(std::find(keep.begin(), keep.end(), 500u), keep.end());  // NaN is no extreme
}

TEST(PqdifObservationsApiDecimation, ShortSeriesAndTinyBudgets) {
  const std::vector<double> v{3, 1, 2};
  const std::vector<std::span<const double>> one{v};
  EXPECT_EQ(api::decimation_indexes(3, one, 3), (std::vector<std::size_t>{0, 1, 2}));
  // Too few points for min, max and both ends: evenly spaced, ends included.
  std::vector<double> long_series(101, 0.0);
  const std::vector<std::span<const double>> many{long_series, long_series, long_series};
  EXPECT_EQ(api::decimation_indexes(101, many, 3), (std::vector<std::size_t>{0, 50, 100}));
  EXPECT_TRUE(api::decimation_indexes(101, many, 0).empty());
  // Only a time series: evenly spaced too.
  EXPECT_EQ(api::decimation_indexes(101, {}, 5), (std::vector<std::size_t>{0, 25, 50, 75, 100}));
}

}  // namespace
}  // namespace jemhead::testing
