#pragma once
// Table-driven routing: each route is (method, path template, minimum role, handler).
// Templates are written exactly as in openapi.yaml ("/api/v1/meters/{id}"), so the route
// table and the document can be compared mechanically.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/auth.hpp"
#include "net/http_server.hpp"

namespace jemhead::api {

// What a handler gets: the request, the path parameters and who is asking.
struct Call {
  const net::HttpRequest& request;
  std::map<std::string, std::string> params;  // {id} -> "12"
  Principal principal;                        // "anonymous" on open routes
};

using RouteHandler = std::function<net::HttpResponse(Call&)>;

struct Route {
  std::string method;
  std::string path_template;
  std::optional<Role> role;  // nullopt = open (no token needed)
  RouteHandler handler;
};

class Router {
 public:
  void add(Route route);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    // When `route` is null: the methods the path does support (405 if non-empty, else 404).
    std::vector<std::string> allowed_methods;
  };
  Match match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{id}" segments are parameters
  };
  static std::vector<std::string_view> split(std::string_view path);
  static bool matches(const Compiled& c, const std::vector<std::string_view>& parts,
                      std::map<std::string, std::string>* params);

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace jemhead::api
