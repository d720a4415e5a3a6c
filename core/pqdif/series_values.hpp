#pragma once
// The values of one series instance. A shared series borrows the values of another series
// instance of its observation (a daily file shares one time axis among hundreds of
// instances), so the storage is shared rather than copied: copying a SeriesValues costs
// one reference count. It reads like a const std::vector<double>; anything that changes it
// (a writer building a series, a test editing one) first takes a private copy when the
// storage is shared (copy on write).
#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <vector>

namespace jemhead::pqdif {

class SeriesValues {
 public:
  using value_type = double;
  using size_type = std::size_t;
  using const_iterator = const double*;
  using iterator = double*;

  SeriesValues() = default;
  SeriesValues(std::vector<double> values)  // NOLINT: implicit, like the vector it wraps
      : storage_(std::make_shared<std::vector<double>>(std::move(values))) {}
  SeriesValues(std::initializer_list<double> values) : SeriesValues(std::vector<double>(values)) {}

  // Reading.
  std::size_t size() const { return storage_ ? storage_->size() : 0; }
  bool empty() const { return size() == 0; }
  const double* data() const { return storage_ ? storage_->data() : nullptr; }
  const double* begin() const { return data(); }
  const double* end() const { return data() + size(); }
  double operator[](std::size_t i) const { return (*storage_)[i]; }
  double front() const { return storage_->front(); }
  double back() const { return storage_->back(); }
  const std::vector<double>& vector() const { return storage_ ? *storage_ : empty_vector(); }
  operator const std::vector<double>&() const { return vector(); }  // NOLINT: implicit
  // Whether both read the same storage (a shared series and its source).
  bool shares_storage_with(const SeriesValues& other) const {
    return storage_ && storage_ == other.storage_;
  }

  // Changing (private copy first when shared).
  double* begin() { return writable().data(); }
  double* end() { return writable().data() + size(); }
  double& operator[](std::size_t i) { return writable()[i]; }
  void push_back(double v) { writable().push_back(v); }
  void reserve(std::size_t n) { writable().reserve(n); }
  void assign(std::size_t n, double v) { writable().assign(n, v); }
  void resize(std::size_t n) { writable().resize(n); }
  void clear() { storage_.reset(); }

  friend bool operator==(const SeriesValues& a, const SeriesValues& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  friend bool operator==(const SeriesValues& a, const std::vector<double>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  std::vector<double>& writable() {
    if (!storage_)
      storage_ = std::make_shared<std::vector<double>>();
    else if (storage_.use_count() > 1)
      storage_ = std::make_shared<std::vector<double>>(*storage_);
    return *storage_;
  }
  static const std::vector<double>& empty_vector() {
    static const std::vector<double> empty;
    return empty;
  }

  std::shared_ptr<std::vector<double>> storage_;
};

}  // namespace jemhead::pqdif
