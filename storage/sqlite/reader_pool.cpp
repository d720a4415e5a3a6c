#include "storage/sqlite/reader_pool.hpp"

namespace jemhead::storage::sqlite {

ReaderPool::ReaderPool(const ConnectionSettings& settings, std::size_t count,
                       std::atomic<std::uint64_t>* busy_retries)
    : size_(count) {
  ConnectionSettings reader_settings = settings;
  reader_settings.read_only = true;
  for (std::size_t i = 0; i < count; ++i) {
    readers_.push_back(
        std::make_unique<Reader>(std::make_unique<Connection>(reader_settings, busy_retries)));
    idle_.push_back(readers_.back().get());
  }
}

ReaderPool::Lease ReaderPool::borrow() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return closed_ || !idle_.empty(); });
  if (closed_) throw StorageError("storage is closed");
  Reader* reader = idle_.back();
  idle_.pop_back();
  return Lease(*this, reader);
}

void ReaderPool::give_back(Reader* reader) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(reader);
  }
  changed_.notify_all();
}

void ReaderPool::close() {
  std::unique_lock lock(mutex_);
  closed_ = true;
  changed_.notify_all();
  changed_.wait(lock, [&] { return idle_.size() == readers_.size(); });
  idle_.clear();
  readers_.clear();  // closes the connections
}

}  // namespace jemhead::storage::sqlite
