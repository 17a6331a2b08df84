#pragma once
// .xlsx output shared by the modules. libxlsxwriter (Debian 12 ships 1.1.4, before its in-memory output)
// writes workbooks to a path; every download is built through this one private temporary file instead of a
// copy of the same dance in each module.
#include <functional>
#include <string>

namespace hq::sheets {

// Calls `write(path)` with a fresh private file (mode 0600, under TMPDIR or /tmp), returns the bytes it left
// there and removes the file, also when `write` throws. Throws core::Error (Unavailable) in Vietnamese when
// the temporary file cannot be made or read.
std::string write_to_bytes(const std::function<void(const std::string& path)>& write);

}  // namespace hq::sheets
