#include "platform/log.h"

#include <emscripten/emscripten.h>

#include <cstdio>

namespace portal::platform {

void log_info(const std::string& message) {
    emscripten_log(EM_LOG_CONSOLE, "%s", message.c_str());
}

void log_error(const std::string& message) {
    emscripten_log(EM_LOG_CONSOLE | EM_LOG_ERROR, "%s", message.c_str());
}

void log_request(const std::string& method, const std::string& url, int status,
                 double elapsed_ms) {
    // Query strings may carry personal data (an ID-card number in a search), so only the
    // path is logged.
    const std::string path = url.substr(0, url.find('?'));
    char line[256];
    std::snprintf(line, sizeof line, "%s %s -> %d (%.0f ms)", method.c_str(), path.c_str(),
                  status, elapsed_ms);
    log_info(line);
}

} // namespace portal::platform
