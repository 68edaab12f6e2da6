// di_iterate: every outcome x group variable x cohort x scenario.
#include "equity/equity.hpp"

namespace pl::equity {

Result<IterateResult> Iterate(const Frame&, const IterateOptions&) {
  return Internal("equity: Iterate not implemented yet");
}

}  // namespace pl::equity
