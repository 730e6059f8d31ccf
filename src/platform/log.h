// A small leveled logger to the browser console. Never pass personal data to it.
#pragma once

#include <string>

namespace portal::platform {

void log_info(const std::string& message);
void log_error(const std::string& message);

// One line per API request: method, path (without query), status and milliseconds.
void log_request(const std::string& method, const std::string& url, int status, double elapsed_ms);

} // namespace portal::platform
