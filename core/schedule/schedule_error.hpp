#pragma once
// The one error every schedule parser throws: it names the field (a cron field, a JSON key)
// and the offending token, so a configuration mistake can be fixed without guessing.
#include <stdexcept>
#include <string>

namespace jemhead::schedule {

class ScheduleParseError : public std::invalid_argument {
 public:
  ScheduleParseError(std::string field, std::string token, const std::string& reason);

  const std::string& field() const { return field_; }
  const std::string& token() const { return token_; }

 private:
  std::string field_;
  std::string token_;
};

}  // namespace jemhead::schedule
