// The one translation unit that compiles Boost.Asio (BOOST_ASIO_SEPARATE_COMPILATION is a
// PUBLIC define on jemhead_net), so every other file only includes the declarations.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
