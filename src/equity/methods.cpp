// The single methods (di_ppg, di_prop_index, di_80_index) on aggregated cells.
#include "equity/equity.hpp"

namespace pl::equity {

Result<std::vector<PpgRow>> Ppg(std::span<const GroupTotal>, const PpgOptions&) {
  return Internal("equity: Ppg not implemented yet");
}
Result<std::vector<PropIndexRow>> PropIndex(std::span<const GroupTotal>, const PropIndexOptions&) {
  return Internal("equity: PropIndex not implemented yet");
}
Result<std::vector<Index80Row>> Index80(std::span<const GroupTotal>, const Index80Options&) {
  return Internal("equity: Index80 not implemented yet");
}
double PpgMoe(double, std::optional<double>, double, double, double) { return 0; }
Result<std::vector<GroupTotal>> Aggregate(const Frame&, const InputSpec&) {
  return Internal("equity: Aggregate not implemented yet");
}
std::string Reference::Label() const { return ""; }
std::optional<Reference> ReferenceFromName(std::string_view) { return std::nullopt; }

}  // namespace pl::equity
