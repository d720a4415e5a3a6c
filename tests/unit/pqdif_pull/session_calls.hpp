#pragma once
// Driving a PQDIF pull session from a test: each driver call as a coroutine (awaited
// operations are named locals: GCC 12 mis-destroys temporaries in co_await expressions),
// run to completion on an io_context. Shared by the HTTP, HTTPS and SFTP driver tests.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/meter.hpp"
#include "drivers/driver.hpp"

namespace jemhead::testing::pull {

// Runs `op` to completion on `io` (restarted first, so one io_context serves many calls).
template <typename T>
T run(boost::asio::io_context& io, boost::asio::awaitable<T> op) {
  auto done = boost::asio::co_spawn(io, std::move(op), boost::asio::use_future);
  io.restart();
  io.run();
  return done.get();
}

// The same on a private io_context.
template <typename T>
T run(boost::asio::awaitable<T> op) {
  boost::asio::io_context io;
  return run(io, std::move(op));
}

inline boost::asio::awaitable<std::unique_ptr<drivers::Session>> open_session(
    const drivers::Driver* driver, ConnectionProfile profile) {
  auto ex = co_await boost::asio::this_coro::executor;
  const Meter meter;
  auto op = driver->open(meter, profile, ex);
  co_return co_await std::move(op);
}

inline boost::asio::awaitable<std::vector<drivers::RemoteFile>> list(drivers::Session* s) {
  auto op = s->list_pq_files();
  co_return co_await std::move(op);
}

inline boost::asio::awaitable<int> fetch(drivers::Session* s, drivers::RemoteFile f,
                                         std::filesystem::path into) {
  auto op = s->fetch_pq_file(f, into);
  co_await std::move(op);
  co_return 0;
}

inline boost::asio::awaitable<int> remove(drivers::Session* s, drivers::RemoteFile f) {
  auto op = s->delete_pq_file(f);
  co_await std::move(op);
  co_return 0;
}

inline boost::asio::awaitable<int> close(drivers::Session* s) {
  auto op = s->close();
  co_await std::move(op);
  co_return 0;
}

}  // namespace jemhead::testing::pull
