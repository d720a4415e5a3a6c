#pragma once
// spdlog formatter writing one JSON object per line:
//   {"ts":"2026-11-23T21:08:10.123456Z","level":"info","logger":"service","msg":"..."}
// so log shippers can parse lines without a pattern.
#include <spdlog/formatter.h>

namespace jemhead::service {

class JsonLogFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace jemhead::service
