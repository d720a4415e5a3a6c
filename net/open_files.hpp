#pragma once
// Programs that hold a socket per meter (jemsim: a listener per simulated meter; jemhead:
// up to engine.max_sessions meter sessions plus API clients; fleet benchmarks) need more
// than the usual soft limit of 1024 open files. Raising the soft limit to the hard limit
// is what a service manager's LimitNOFILE would do; children inherit it.
namespace jemhead::net {

void raise_open_file_limit();

}  // namespace jemhead::net
