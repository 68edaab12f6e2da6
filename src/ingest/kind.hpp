// A kind of import is a declaration, not code: its columns, their types and
// code sets, its natural key, its references to other kinds and a few
// row-level rules. One generic pipeline (importer.hpp) reads, validates,
// rejects and stores every kind, so adding a kind means adding a KindSpec.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace pl::ingest {

enum class ColumnType {
  kIdentifier,  // [A-Za-z0-9._-], 1..max_length characters
  kText,        // free text, no control characters, at most max_length
  kDigits,      // exactly `digits` decimal digits (codes such as CDS, IPEDS)
  kInteger,     // whole number in [min, max]
  kDecimal,     // number in [min, max]
  kBoolean,     // Y/N, yes/no, true/false, 1/0 (case-insensitive)
  kCode,        // one value of `code_set` (fixed or from the database)
  kSchoolYear,  // "2023-24" or "2024" (ending year); stored as the ending year
  kReference,   // the key of a row of `references` (in the database or earlier in the import set)
};

std::string_view ColumnTypeName(ColumnType type);

// One parsed value. Text views point into the CSV record and stay valid until
// the next record is read.
struct Cell {
  enum class Type : std::uint8_t { kNull, kInteger, kReal, kText };
  Type type = Type::kNull;
  std::int64_t integer = 0;
  double real = 0;
  std::string_view text;
  bool is_null() const { return type == Type::kNull; }
};

struct ColumnSpec {
  std::string name;          // CSV header (matched case-insensitively)
  ColumnType type = ColumnType::kText;
  bool required = false;     // must be present in the header and non-blank
  std::string description;
  std::string example;
  std::string db_column;     // defaults to name
  int max_length = 200;      // kIdentifier, kText
  int digits = 0;            // kDigits
  double min = 0, max = 0;   // kInteger, kDecimal
  std::string code_set;      // kCode: a name known to CodeSets
  std::string references;    // kReference: the referenced kind's name
  bool stored = true;        // false: read and validated, but only derived columns use it

  const std::string& column() const { return db_column.empty() ? name : db_column; }
};

// Read-only access to a row being validated: its parsed cells by column name.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual const Cell& Get(std::string_view column) const = 0;
  virtual std::string_view Raw(std::string_view column) const = 0;
};

// A rule across fields. Returns the failing column and a reason, or nothing.
struct RowProblem {
  std::string column;
  std::string reason;
};
struct CodeSets;
using RowCheck = std::function<std::optional<RowProblem>(const RowView&, const CodeSets&)>;

// A stored column computed from the row rather than read from one field.
struct DerivedColumn {
  std::string db_column;
  std::function<Cell(const RowView&)> compute;
};

struct KindSpec {
  std::string name;                  // "student_years": the CLI's KIND argument
  std::string table;                 // target table
  std::string description;
  std::vector<ColumnSpec> columns;
  std::vector<std::string> key;      // natural key columns (CSV names), in order
  std::vector<RowCheck> checks;
  std::vector<DerivedColumn> derived;

  const ColumnSpec* Find(std::string_view column_name) const;
};

// The importable kinds, in dependency order.
const std::vector<KindSpec>& Kinds();
Result<const KindSpec*> FindKind(std::string_view name);

// Markdown documentation of every kind: docs/data-dictionary.md.
std::string DataDictionaryMarkdown();

}  // namespace pl::ingest
