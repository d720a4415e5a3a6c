#include "net/io_threads.hpp"

namespace jemhead::net {

void IoThreads::start() {
  if (!runners_.empty()) return;
  work_.emplace(boost::asio::make_work_guard(io_));
  for (std::size_t i = 0; i < threads_; ++i) runners_.emplace_back([this] { io_.run(); });
}

void IoThreads::stop() {
  work_.reset();
  io_.stop();
  for (auto& t : runners_) t.join();
  runners_.clear();
}

}  // namespace jemhead::net
