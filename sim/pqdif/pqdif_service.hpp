#pragma once
// Every meter's PQ recorder (meters with `pqdif:`) and web server (meters with `web:`),
// the web servers on an io_context of their own so file downloads never queue behind the
// control endpoint. No Asio in this header.
#include <memory>
#include <string>
#include <string_view>

#include "sim/fleet.hpp"
#include "sim/pqdif/pqdif_recorder.hpp"

namespace jemhead::sim {

class PqdifPusher;

class PqdifService {
 public:
  explicit PqdifService(Fleet& fleet);
  ~PqdifService();
  PqdifService(const PqdifService&) = delete;
  PqdifService& operator=(const PqdifService&) = delete;

  // Binds every web server (throws std::system_error), then serves.
  void start();
  void stop();

  bool empty() const;  // no recorder and no web server
  Fleet& fleet() const;
  PqdifRecorder* recorder(std::string_view serial) const;
  // "http://127.0.0.1:PORT" of the meter's web server once started; empty when it has none.
  std::string web_url(std::string_view serial) const;
  // The directory the meter's store is mirrored to (`export_directory`); empty when none.
  std::string export_directory(std::string_view serial) const;
  // The meter's simulated time now.
  UtcTime now(std::string_view serial) const;
  // The Remote Server push of the meters with `pqdif: push:` (sim/pqdif/push/).
  PqdifPusher& pusher() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jemhead::sim
