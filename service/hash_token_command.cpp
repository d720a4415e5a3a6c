#include <istream>
#include <ostream>

#include "api/auth.hpp"
#include "service/commands.hpp"

namespace jemhead::service {

namespace {
constexpr std::size_t kMaxTokenBytes = 4096;
}

// Reading the token from stdin keeps it out of the shell history and `ps` output.
int run_hash_token(CommandContext& context) {
  if (context.args.size() > 1) {
    context.err << "usage: jemhead hash-token [TOKEN]\n";
    return kExitUsage;
  }
  std::string token;
  if (context.args.size() == 1) {
    token = context.args[0];
  } else {
    std::getline(context.in, token);
    if (!token.empty() && token.back() == '\r') token.pop_back();
  }
  if (token.empty() || token.size() > kMaxTokenBytes) {
    context.err << "jemhead hash-token: the token must be 1 to " << kMaxTokenBytes
                << " bytes long\n";
    return kExitUsage;
  }
  context.out << api::sha256_hex(token) << "\n";
  return kExitOk;
}

}  // namespace jemhead::service
