#pragma once
// Real child processes for integration tests: started with posix_spawn, their output
// captured to a log file, stopped by signal, and always reaped (the destructor kills a
// child that is still running so a failing test never leaks a daemon).
#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace jemhead::testing {

class Process {
 public:
  // argv[0] is the executable path; stdout and stderr both go to `log_path`.
  Process(std::vector<std::string> argv, std::string log_path, std::string working_dir = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig);
  // The exit code (or 128 + signal), or nullopt if still running after `timeout`.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  bool running();
  std::string log() const;  // everything the process printed so far

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::string log_path_;
};

// A fresh directory under the system temp dir, removed with its contents on destruction
// unless JEMHEAD_KEEP_TEST_DIRS is set (for post-mortems).
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

// Polls until `path` exists and is non-empty, or the process exits, or the timeout ends.
// Returns the file's content, or throws with the process log in the message.
std::string wait_for_file(const std::string& path, Process& owner,
                          std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace jemhead::testing
