#pragma once
// Runs one client coroutine to completion on a fresh io_context. The fake server answers
// at once, so io_context::run() returns when the coroutine is done; exceptions reach the
// test through the future.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <utility>

namespace jemhead::dlms::session::testing {

template <typename T>
T run(boost::asio::awaitable<T> work) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, std::move(work), boost::asio::use_future);
  io.run();
  return future.get();
}

}  // namespace jemhead::dlms::session::testing
