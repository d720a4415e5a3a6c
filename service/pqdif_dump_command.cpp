// `jemhead pqdif dump FILE [--json] [--max-values N]`: every record of a PQDIF file with its
// header facts and its element tree, as text or as JSON, streamed record by record so a
// file of any size can be dumped. A malformed file prints what was read, then the error
// with its record and offset (exit 1): partial results are kept and marked.
#include <boost/json/serialize.hpp>
#include <fstream>
#include <ostream>

#include "core/pqdif/element_json.hpp"
#include "core/pqdif/element_text.hpp"
#include "core/pqdif/pqdif_error.hpp"
#include "core/pqdif/record_reader.hpp"
#include "core/pqdif/tags.hpp"
#include "service/commands.hpp"

namespace jemhead::service {

namespace {

namespace json = boost::json;
using namespace jemhead::pqdif;

constexpr std::size_t kTextValuesShown = 8;

struct DumpOptions {
  std::string file;
  bool as_json = false;
  std::optional<std::size_t> max_values;  // default: all for JSON, a few for text
};

std::optional<DumpOptions> parse_dump_args(const std::vector<std::string>& args,
                                           std::ostream& err) {
  DumpOptions o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json") {
      o.as_json = true;
    } else if (args[i] == "--max-values" && i + 1 < args.size()) {
      try {
        o.max_values = std::stoul(args[++i]);
      } catch (const std::exception&) {
        err << "jemhead pqdif dump: --max-values takes a number\n";
        return std::nullopt;
      }
    } else if (o.file.empty() && !args[i].starts_with("--")) {
      o.file = args[i];
    } else {
      err << "jemhead pqdif dump: unexpected argument '" << args[i] << "'\n";
      return std::nullopt;
    }
  }
  if (o.file.empty()) {
    err << "usage: jemhead pqdif dump FILE [--json] [--max-values N]\n";
    return std::nullopt;
  }
  return o;
}

// A GUID in a file is a tag or one of the standard's identifiers (quantity type, value
// type, characteristic, data source type, vendor): the first table that knows it names it.
std::string_view names(const Guid& g) {
  for (auto* lookup : {tag_name, quantity_type_name, value_type_name, characteristic_name,
                       data_source_type_name, vendor_name}) {
    const auto name = lookup(g);
    if (!name.empty()) return name;
  }
  return {};
}

json::object record_json(const Record& r, std::size_t index, std::size_t max_values) {
  return {{"index", index},
          {"offset", r.header.offset},
          {"tag", r.header.tag.to_string()},
          {"name", names(r.header.tag)},
          {"body_size", r.header.body_size},
          {"compressed", r.compressed},
          {"checksum", to_text(r.checksum)},
          {"body", element_json(r.body, names, {max_values})}};
}

void write_record_text(std::ostream& out, const Record& r, std::size_t index,
                       std::size_t max_values) {
  const auto name = names(r.header.tag);
  out << "record " << index << " at " << r.header.offset << ": "
      << (name.empty() ? r.header.tag.to_string() : std::string(name)) << ", " << r.header.body_size
      << " bytes" << (r.compressed ? " compressed" : "") << ", checksum " << to_text(r.checksum)
      << "\n";
  write_element_text(out, r.body, names, max_values, 2);
}

int run_pqdif_dump(CommandContext& context, const std::vector<std::string>& args) {
  const auto options = parse_dump_args(args, context.err);
  if (!options) return kExitUsage;
  std::ifstream in(options->file, std::ios::binary);
  if (!in) {
    context.err << "jemhead pqdif dump: cannot open " << options->file << "\n";
    return kExitFailure;
  }
  const std::size_t max_values =
      options->max_values.value_or(options->as_json ? 0 : kTextValuesShown);
  auto& out = context.out;
  if (options->as_json)
    out << "{\"file\":" << json::serialize(json::string(options->file)) << ",\"records\":[";
  std::string error;
  std::size_t index = 0;
  try {
    RecordReader reader(in);
    while (auto record = reader.next()) {
      if (options->as_json)
        out << (index ? "," : "") << json::serialize(record_json(*record, index, max_values));
      else
        write_record_text(out, *record, index, max_values);
      ++index;
    }
  } catch (const PqdifError& e) {
    error = e.what();
  }
  if (options->as_json) {
    out << "],\"complete\":" << (error.empty() ? "true" : "false");
    if (!error.empty()) out << ",\"error\":" << json::serialize(json::string(error));
    out << "}\n";
  } else if (!error.empty()) {
    out << "incomplete: " << error << "\n";
  }
  if (error.empty()) return kExitOk;
  context.err << "jemhead pqdif dump: " << error << "\n";
  return kExitFailure;
}

}  // namespace

// `jemhead pqdif SUBCOMMAND ...`: only `dump` for now.
int run_pqdif(CommandContext& context) {
  if (context.args.empty() || context.args[0] != "dump") {
    context.err << "usage: jemhead pqdif dump FILE [--json] [--max-values N]\n";
    return kExitUsage;
  }
  return run_pqdif_dump(context, {context.args.begin() + 1, context.args.end()});
}

}  // namespace jemhead::service
