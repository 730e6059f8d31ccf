// The HTTP transport interface: the browser build sends through Emscripten's fetch, native tests
// through a scripted fake.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace portal {

struct HttpRequest {
    std::string method;  // "GET", "POST", "DELETE", ...
    std::string url;     // absolute path on the API origin, e.g. "/api/sessions"
    std::string body;    // JSON text, empty for none
    std::vector<std::pair<std::string, std::string>> headers;
    int timeoutMs = 15000;
};

// What came back. `status` is 0 when no HTTP response arrived at all.
struct HttpResponse {
    int status = 0;
    std::string body;
    bool timedOut = false;
};

class HttpTransport {
public:
    virtual ~HttpTransport() = default;

    // Sends `request` and calls `done` exactly once, later, on the main thread.
    virtual void send(HttpRequest request, std::function<void(HttpResponse)> done) = 0;
};

} // namespace portal
