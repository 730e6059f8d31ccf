#include "platform/fetch_transport.h"

#include "platform/log.h"

#include <emscripten/emscripten.h>
#include <emscripten/fetch.h>

#include <cstring>
#include <memory>
#include <vector>

namespace portal::platform {

namespace {

// Everything a request needs until it completes: emscripten_fetch keeps raw pointers.
struct PendingFetch {
    HttpRequest request;
    std::vector<const char*> header_pointers;
    std::function<void(HttpResponse)> done;
    double started_ms = 0;
};

void complete(emscripten_fetch_t* fetch) {
    std::unique_ptr<PendingFetch> pending(static_cast<PendingFetch*>(fetch->userData));

    HttpResponse response;
    response.status = fetch->status;
    if (fetch->data != nullptr && fetch->numBytes > 0) {
        response.body.assign(fetch->data, static_cast<size_t>(fetch->numBytes));
    }
    const double elapsed = emscripten_get_now() - pending->started_ms;
    // XMLHttpRequest reports a timeout as status 0 once the limit has passed.
    response.timedOut =
        response.status == 0 && elapsed >= pending->request.timeoutMs - 50;
    emscripten_fetch_close(fetch);

    log_request(pending->request.method, pending->request.url, response.status, elapsed);
    pending->done(std::move(response));
}

} // namespace

void FetchTransport::send(HttpRequest request, std::function<void(HttpResponse)> done) {
    auto pending = std::make_unique<PendingFetch>();
    pending->request = std::move(request);
    pending->done = std::move(done);
    pending->started_ms = emscripten_get_now();
    for (const auto& [name, value] : pending->request.headers) {
        pending->header_pointers.push_back(name.c_str());
        pending->header_pointers.push_back(value.c_str());
    }
    pending->header_pointers.push_back(nullptr);

    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, pending->request.method.c_str(),
                 sizeof(attr.requestMethod) - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.requestHeaders = pending->header_pointers.data();
    if (!pending->request.body.empty()) {
        attr.requestData = pending->request.body.data();
        attr.requestDataSize = pending->request.body.size();
    }
    attr.timeoutMSecs = static_cast<unsigned long>(pending->request.timeoutMs);
    attr.onsuccess = complete;
    attr.onerror = complete;
    attr.userData = pending.get();

    const std::string url = pending->request.url;
    pending.release();  // owned by the fetch until complete() runs
    emscripten_fetch(&attr, url.c_str());
}

} // namespace portal::platform
