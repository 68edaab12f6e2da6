// Parsing and validation of one CSV field against its ColumnSpec. Pure
// functions with no I/O, shared by the importer and the fuzz target.
#pragma once

#include <string>
#include <string_view>

#include "core/code_sets.hpp"  // ParseSchoolYear
#include "ingest/code_sets.hpp"
#include "ingest/kind.hpp"

namespace pl::ingest {

// Parses `raw` (already trimmed of surrounding spaces) into *out. Returns an
// empty string on success or the reason for a reject file, e.g.
// "expected a whole number from 1900 to 2030". Blank input gives a null cell
// (the caller enforces `required`). kReference only checks the form of the
// key; existence is the importer's job.
std::string ParseField(const ColumnSpec& column, std::string_view raw, const CodeSets& code_sets,
                       Cell* out);

// Leading and trailing spaces and tabs removed.
std::string_view Trim(std::string_view s);

// Case-insensitive ASCII comparison (CSV headers, boolean words).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace pl::ingest
