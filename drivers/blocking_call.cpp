#include "drivers/blocking_call.hpp"

namespace jemhead::drivers {

boost::asio::thread_pool& blocking_pool() {
  // Four threads: file transfers are few at a time (the session budget bounds them), and a
  // transfer mostly waits on the network.
  static boost::asio::thread_pool pool(4);
  return pool;
}

}  // namespace jemhead::drivers
