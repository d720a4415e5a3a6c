#include "core/config/identification.hpp"

namespace jemhead::config {

std::vector<IdField> factory_id_fields() {
  // Appendix C (L13400-L13420) lists labels and values for fields 1-5 only; the manual is
  // silent on 6-10, so they start with a numbered title and an empty value.
  std::vector<IdField> f = {
      {"MV90 Meter ID", "JEMStarII ID"},    {"Administrator", "Ametek Power"},
      {"Location", "Rochester, New York"},  {"Configuration ID", "Factory Default"},
      {"Account Number", "1-888-222-6282"},
  };
  for (int i = 6; i <= 10; ++i) {
    std::string title = "ID ";
    title += std::to_string(i);
    f.push_back({std::move(title), ""});
  }
  return f;
}

}  // namespace jemhead::config
