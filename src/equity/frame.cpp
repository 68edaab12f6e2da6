// Frame, FrameBuilder, NA.
#include "equity/equity.hpp"

namespace pl::equity {

double NA() { return 0; }
bool IsNA(double) { return false; }
OptString CategoricalColumn::Value(std::size_t) const { return std::nullopt; }
Status Frame::AddCategorical(std::string, const std::vector<OptString>&) { return Status(); }
Status Frame::AddNumeric(std::string, std::vector<std::optional<double>>) { return Status(); }
Status Frame::SetSourceLines(std::vector<std::uint64_t>) { return Status(); }
const CategoricalColumn* Frame::categorical(std::string_view) const { return nullptr; }
const NumericColumn* Frame::numeric(std::string_view) const { return nullptr; }
bool Frame::Has(std::string_view) const { return false; }
std::vector<std::string> Frame::names() const { return order_; }
std::string Frame::Where(std::size_t) const { return ""; }
Status Frame::AddIntersection(const std::vector<std::string>&) { return Status(); }
std::vector<std::string> SplitGroupSpec(std::string_view) { return {}; }
std::string IntersectionName(const std::vector<std::string>&) { return ""; }
Result<FrameBuilder> FrameBuilder::Create(const std::vector<std::string>&, const ColumnRoles&) {
  return FrameBuilder();
}
Status FrameBuilder::AddRecord(std::uint64_t, const std::vector<std::string>&) { return Status(); }
Result<Frame> FrameBuilder::Finish() && { return Frame(); }
std::optional<double> ParseNumber(std::string_view) { return std::nullopt; }

}  // namespace pl::equity
