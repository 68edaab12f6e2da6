// Output tables (DisImpact's columns) and CSV writing.
#include <cmath>
#include <ostream>

#include <fmt/format.h>

#include "core/csv_field.hpp"
#include "equity/equity.hpp"

namespace pl::equity {

std::string FormatNumber(double x) {
  if (std::isnan(x)) return IsNA(x) ? "NA" : "NaN";
  if (std::isinf(x)) return x > 0 ? "Inf" : "-Inf";
  // fmt's default for a double is the shortest text that reads back as the
  // same value (Ryu-like): at most 17 significant digits.
  return fmt::format("{}", x);
}

namespace {

// A number cell: NA becomes a missing cell; NaN and Inf stay text.
OptString Num(double x) {
  if (IsNA(x)) return std::nullopt;
  return FormatNumber(x);
}

OptString Flag(int x) { return std::to_string(x); }

}  // namespace

Table PpgTable(std::span<const PpgRow> rows, bool with_cohort) {
  Table t;
  if (with_cohort) t.columns.push_back("cohort");
  for (const char* c : {"group", "n", "success", "pct", "reference", "reference_group", "moe", "pct_lo", "pct_hi",
                        "di_indicator", "success_needed_not_di", "success_needed_full_parity"}) {
    t.columns.emplace_back(c);
  }
  for (const auto& r : rows) {
    std::vector<OptString> cells;
    if (with_cohort) cells.push_back(r.cohort);
    for (OptString cell : {r.group, Num(r.n), Num(r.success), Num(r.pct), Num(r.reference), r.reference_group,
                           Num(r.moe), Num(r.pct_lo), Num(r.pct_hi), Flag(r.di_indicator),
                           Num(r.success_needed_not_di), Num(r.success_needed_full_parity)}) {
      cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

Table PropIndexTable(std::span<const PropIndexRow> rows, bool with_cohort) {
  Table t;
  if (with_cohort) t.columns.push_back("cohort");
  for (const char* c : {"group", "n", "success", "pct_success", "pct_group", "di_prop_index", "di_indicator",
                        "success_needed_not_di", "success_needed_full_parity"}) {
    t.columns.emplace_back(c);
  }
  for (const auto& r : rows) {
    std::vector<OptString> cells;
    if (with_cohort) cells.push_back(r.cohort);
    for (OptString cell : {r.group, Num(r.n), Num(r.success), Num(r.pct_success), Num(r.pct_group),
                           Num(r.di_prop_index), Flag(r.di_indicator), Num(r.success_needed_not_di),
                           Num(r.success_needed_full_parity)}) {
      cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

Table Index80Table(std::span<const Index80Row> rows, bool with_cohort) {
  Table t;
  if (with_cohort) t.columns.push_back("cohort");
  for (const char* c : {"group", "n", "success", "pct", "reference", "reference_group", "di_80_index",
                        "di_indicator", "success_needed_not_di", "success_needed_full_parity"}) {
    t.columns.emplace_back(c);
  }
  for (const auto& r : rows) {
    std::vector<OptString> cells;
    if (with_cohort) cells.push_back(r.cohort);
    for (OptString cell : {r.group, Num(r.n), Num(r.success), Num(r.pct), Num(r.reference), r.reference_group,
                           Num(r.di_80_index), Flag(r.di_indicator), Num(r.success_needed_not_di),
                           Num(r.success_needed_full_parity)}) {
      cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

Table IterateTable(const IterateResult& result) {
  Table t;
  t.columns = result.scenario_vars;
  for (const char* c :
       {"success_variable", "cohort_variable", "cohort", "disaggregation", "group", "n", "success", "pct",
        "ppg_reference", "ppg_reference_group", "moe", "pct_lo", "pct_hi", "di_indicator_ppg",
        "success_needed_not_di_ppg", "success_needed_full_parity_ppg", "di_prop_index", "di_indicator_prop_index",
        "success_needed_not_di_prop_index", "success_needed_full_parity_prop_index", "di_80_index_reference_group",
        "di_80_index", "di_indicator_80_index", "success_needed_not_di_80_index",
        "success_needed_full_parity_80_index"}) {
    t.columns.emplace_back(c);
  }
  for (const auto& r : result.rows) {
    std::vector<OptString> cells(r.scenario.begin(), r.scenario.end());
    for (OptString cell :
         {OptString(r.success_variable), OptString(r.cohort_variable), r.cohort, OptString(r.disaggregation), r.group,
          Num(r.n), Num(r.success), Num(r.pct), Num(r.ppg_reference), r.ppg_reference_group, Num(r.moe),
          Num(r.pct_lo), Num(r.pct_hi), Flag(r.di_indicator_ppg), Num(r.success_needed_not_di_ppg),
          Num(r.success_needed_full_parity_ppg), Num(r.di_prop_index), Flag(r.di_indicator_prop_index),
          Num(r.success_needed_not_di_prop_index), Num(r.success_needed_full_parity_prop_index),
          r.di_80_index_reference_group, Num(r.di_80_index), Flag(r.di_indicator_80_index),
          Num(r.success_needed_not_di_80_index), Num(r.success_needed_full_parity_80_index)}) {
      cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(cells));
  }
  return t;
}

void PrependColumns(const std::vector<std::string>& names, const std::vector<std::string>& values, Table* table) {
  table->columns.insert(table->columns.begin(), names.begin(), names.end());
  for (auto& row : table->rows) row.insert(row.begin(), values.begin(), values.end());
}

Status AppendTable(Table more, Table* table) {
  if (table->columns.empty() && table->rows.empty()) {
    *table = std::move(more);
    return Status();
  }
  if (more.columns != table->columns) return InvalidArgument("tables with different columns cannot be stacked");
  for (auto& row : more.rows) table->rows.push_back(std::move(row));
  return Status();
}

namespace {

void WriteField(const OptString& cell, std::ostream& out) {
  if (!cell) {
    out << "NA";
    return;
  }
  // A text that is literally "NA" is quoted so it does not read back as missing.
  std::string field;
  AppendCsvField(field, *cell, *cell == "NA");
  out << field;
}

}  // namespace

void WriteCsv(const Table& table, std::ostream& out) {
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i) out << ',';
    WriteField(table.columns[i], out);
  }
  out << '\n';
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out << ',';
      WriteField(row[i], out);
    }
    out << '\n';
  }
}

}  // namespace pl::equity
