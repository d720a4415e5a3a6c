#include "api/router.hpp"

#include <stdexcept>

namespace jemhead::api {

namespace {

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::vector<std::string_view> Router::split(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty() || path.front() != '/') return parts;
  path.remove_prefix(1);
  for (;;) {
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

void Router::add(Route route) {
  Compiled c;
  for (auto part : split(route.path_template)) c.segments.emplace_back(part);
  if (c.segments.empty()) throw std::invalid_argument("route template must start with '/'");
  for (const auto& r : routes_)
    if (r.method == route.method && r.path_template == route.path_template)
      throw std::invalid_argument("duplicate route " + route.method + " " + route.path_template);
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(c));
}

bool Router::matches(const Compiled& c, const std::vector<std::string_view>& parts,
                     std::map<std::string, std::string>* params) {
  if (c.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& seg = c.segments[i];
    if (is_parameter(seg)) {
      if (parts[i].empty()) return false;
      if (params) (*params)[seg.substr(1, seg.size() - 2)] = std::string(parts[i]);
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  const auto parts = split(path);
  if (parts.empty()) return m;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches(compiled_[i], parts, nullptr)) continue;
    if (routes_[i].method == method) {
      m.route = &routes_[i];
      matches(compiled_[i], parts, &m.params);
      m.allowed_methods.clear();
      return m;
    }
    m.allowed_methods.push_back(routes_[i].method);
  }
  return m;
}

}  // namespace jemhead::api
