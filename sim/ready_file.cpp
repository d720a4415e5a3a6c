#include "sim/ready_file.hpp"

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace jemhead::sim {

std::string ready_json(long pid, const std::string& control_url, std::size_t meters) {
  return boost::json::serialize(
             boost::json::object{{"pid", pid}, {"control", control_url}, {"meters", meters}}) +
         "\n";
}

void write_file_atomically(const std::string& path, const std::string& content) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + temp);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    throw std::runtime_error("cannot rename " + temp + " to " + path);
  }
}

}  // namespace jemhead::sim
