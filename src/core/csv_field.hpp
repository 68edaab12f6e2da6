// Writing one CSV field (RFC 4180), shared by every CSV writer: the
// synthetic data files, the engine's CSV results and the equity tables.
#pragma once

#include <string>
#include <string_view>

namespace pl {

// Appends `value` to `out`, in double quotes (inner quotes doubled) when it
// holds a comma, a quote, CR or LF, or when `force_quote` is set (e.g. a
// text that would otherwise read as a missing-value marker).
void AppendCsvField(std::string& out, std::string_view value, bool force_quote = false);

}  // namespace pl
