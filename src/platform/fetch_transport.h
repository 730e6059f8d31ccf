// HttpTransport over Emscripten's fetch API (XMLHttpRequest underneath).
#pragma once

#include "core/http.h"

namespace portal::platform {

class FetchTransport : public HttpTransport {
public:
    void send(HttpRequest request, std::function<void(HttpResponse)> done) override;
};

} // namespace portal::platform
