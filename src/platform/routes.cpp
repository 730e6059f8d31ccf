#include "platform/routes.h"

#include "platform/embedding.h"

#include <emscripten/emscripten.h>

#include <cstdlib>

namespace portal::platform {

namespace {

std::function<void(const std::string&)> follow_route;

EM_JS(void, listen_for_hash_changes, (), {
    window.addEventListener("hashchange", function() {
        Module.ccall("portal_route_changed", null, ["string"], [window.location.hash]);
        Module.portalEmbedding.routeChanged(window.location.hash);
    });
});

EM_JS(char*, current_hash, (), {
    const hash = window.location.hash;
    const size = lengthBytesUTF8(hash) + 1;
    const pointer = _malloc(size);
    stringToUTF8(hash, pointer, size);
    return pointer;
});

// replaceState changes the address without a hashchange event, so the app is not asked to
// follow its own route.
EM_JS(void, set_hash, (const char* route, const char* title, int replace), {
    const hash = UTF8ToString(route);
    document.title = UTF8ToString(title) + " - 福建12333公共服务平台";
    if (window.location.hash === hash) {
        return;
    }
    if (replace) {
        history.replaceState(history.state, "", hash);
    } else {
        window.location.hash = hash;
    }
});

} // namespace

void install_routes(std::function<void(const std::string& route)> follow) {
    follow_route = std::move(follow);
    listen_for_hash_changes();
    char* hash = current_hash();
    const std::string route = hash;
    free(hash);
    follow_route(route);
}

void show_route(const std::string& route, const std::string& title, bool replace) {
    set_hash(route.c_str(), title.c_str(), replace ? 1 : 0);
    tell_embedder_route(route);
}

} // namespace portal::platform

extern "C" EMSCRIPTEN_KEEPALIVE void portal_route_changed(const char* route) {
    if (portal::platform::follow_route && route != nullptr) {
        portal::platform::follow_route(route);
    }
}
