#pragma once
// Runs a coroutine that blocks (repository reads, file ingestion) on another executor (the
// engine's blocking pool) and awaits it, WITHOUT passing the awaiting job's cancellation
// on to it. A blocking call cannot be interrupted anyway; the job sees its cancellation
// (deadline, shutdown) at its own next co_await.
//
// Why not plain co_spawn(..., use_awaitable): it connects the child to the job's
// cancellation. Asio 1.81's co_spawn entry point, when a cancelled coroutine finishes
// without ever having suspended (exactly what a blocking read does), hops back with a
// co_await that throws "co_await: Operation canceled" outside every handler: out of the
// pool thread's run(), which is std::terminate (seen when the engine stopped with no grace
// while a job loaded its meter).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace jemhead::engine {

template <typename T>
boost::asio::awaitable<T> run_to_completion(boost::asio::any_io_executor executor,
                                            boost::asio::awaitable<T> work) {
  namespace asio = boost::asio;
  // An unconnected slot: the child gets no cancellation handler at all.
  auto running =
      asio::co_spawn(std::move(executor), std::move(work),
                     asio::bind_cancellation_slot(asio::cancellation_slot(), asio::use_awaitable));
  co_return co_await std::move(running);
}

}  // namespace jemhead::engine
