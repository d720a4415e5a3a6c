// jemhead: the head-end daemon and its tools. Everything lives in jemhead_service; this
// file only hands the command line to the subcommand table.
#include <iostream>

#include "service/commands.hpp"

int main(int argc, char** argv) {
  return jemhead::service::dispatch(argc, argv, std::cin, std::cout, std::cerr);
}
