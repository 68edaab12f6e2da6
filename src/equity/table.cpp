// Output tables and CSV writing.
#include <ostream>

#include "equity/equity.hpp"

namespace pl::equity {

std::string FormatNumber(double) { return ""; }
Table PpgTable(std::span<const PpgRow>, bool) { return {}; }
Table PropIndexTable(std::span<const PropIndexRow>, bool) { return {}; }
Table Index80Table(std::span<const Index80Row>, bool) { return {}; }
Table IterateTable(const IterateResult&) { return {}; }
void PrependColumns(const std::vector<std::string>&, const std::vector<std::string>&, Table*) {}
Status AppendTable(Table, Table*) { return Status(); }
void WriteCsv(const Table&, std::ostream&) {}

}  // namespace pl::equity
