#include "api/rest_api.hpp"

#include <algorithm>
#include <chrono>

#include "api/problem.hpp"
#include "api/routes.hpp"
#include "storage/file_store.hpp"

namespace jemhead::api {

namespace {

std::vector<ApiToken> normalised(std::vector<ApiToken> tokens) {
  // Digests are compared byte for byte, so accept upper-case hex from the configuration.
  for (auto& t : tokens)
    std::transform(t.sha256_hex.begin(), t.sha256_hex.end(), t.sha256_hex.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return tokens;
}

net::HttpResponse unauthorized(bool token_given) {
  auto r =
      problem_response(401, token_given ? "the bearer token is not valid"
                                        : "this endpoint needs an Authorization: Bearer token");
  r.headers.emplace_back("WWW-Authenticate",
                         token_given ? "Bearer realm=\"jemhead\", error=\"invalid_token\""
                                     : "Bearer realm=\"jemhead\"");
  return r;
}

}  // namespace

struct RestApi::Impl {
  Impl(storage::Repository& repo, ApiOptions options,
       std::shared_ptr<prometheus::Registry> registry)
      : ctx{repo, std::move(options), ApiMetrics(std::move(registry))} {
    ctx.options.tokens = normalised(std::move(ctx.options.tokens));
    add_system_routes(router, ctx);
    add_meter_routes(router, ctx);
    add_group_routes(router, ctx);
    add_connection_routes(router, ctx);
    add_meter_read_routes(router, ctx);
    add_meter_write_routes(router, ctx);
    add_load_profile_routes(router, ctx);
    add_clock_routes(router, ctx);
    add_event_routes(router, ctx);
    add_pqdif_routes(router, ctx);
    add_job_routes(router, ctx);
    add_engine_routes(router, ctx);
    add_alarm_routes(router, ctx);
    add_config_routes(router, ctx);
    add_config_push_routes(router, ctx);
  }

  net::HttpResponse dispatch(const net::HttpRequest& request, std::string& route_label);

  ApiContext ctx;
  Router router;
};

net::HttpResponse RestApi::Impl::dispatch(const net::HttpRequest& request,
                                          std::string& route_label) {
  auto match = router.match(request.method, request.path);
  if (!match.route) {
    if (match.allowed_methods.empty())
      return problem_response(404, "no such resource: " + request.path.substr(0, 200));
    std::string allow;
    for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
    auto r =
        problem_response(405, request.method.substr(0, 16) + " is not allowed here; use " + allow);
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  const Route& route = *match.route;
  route_label = route.path_template;

  Call call{request, std::move(match.params), Principal{"anonymous", Role::viewer}};
  if (route.role) {
    const auto header = request.header("authorization");
    auto principal = authenticate(ctx.options.tokens, header);
    if (!principal) return unauthorized(!header.empty());
    if (!allows(principal->role, *route.role))
      return problem_response(403, "role " + std::string(to_text(principal->role)) +
                                       " may not do this; it needs " +
                                       std::string(to_text(*route.role)));
    call.principal = std::move(*principal);
  }

  try {
    return route.handler(call);
  } catch (const ApiError& e) {
    return problem_response(e.status, e.detail, e.errors);
  } catch (const storage::NotFound& e) {
    return problem_response(404, e.what());
  } catch (const storage::Conflict& e) {
    return problem_response(409, e.what());
  } catch (const storage::FileStoreError&) {
    return problem_response(503,
                            "the file store could not be read or written; try again later (the "
                            "server's disk may be full or read-only)");
  } catch (const storage::StorageError&) {
    return problem_response(503, "the database is not available; try again later");
  } catch (const std::exception&) {
    return problem_response(500, "the server could not complete the request");
  }
}

RestApi::RestApi(storage::Repository& repo, ApiOptions options,
                 std::shared_ptr<prometheus::Registry> metrics)
    : impl_(std::make_unique<Impl>(repo, std::move(options), std::move(metrics))) {}

RestApi::~RestApi() = default;

net::HttpResponse RestApi::handle(const net::HttpRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  std::string route_label = "unmatched";
  net::HttpResponse response;
  try {
    response = impl_->dispatch(request, route_label);
  } catch (const std::exception&) {
    response = problem_response(500, "the server could not complete the request");
  }
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  // Unmatched paths share one label whatever was asked, so scanners cannot blow up the
  // metric cardinality.
  const auto method = route_label == "unmatched" ? std::string("other") : request.method;
  impl_->ctx.metrics.observe_request(method, route_label, response.status, elapsed.count());
  return response;
}

std::vector<RouteInfo> RestApi::routes() const {
  std::vector<RouteInfo> out;
  for (const auto& r : impl_->router.routes()) out.push_back({r.method, r.path_template});
  return out;
}

}  // namespace jemhead::api
