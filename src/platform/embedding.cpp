#include "platform/embedding.h"

#include <emscripten/emscripten.h>

namespace portal::platform {

namespace {

EM_JS(void, embedding_start, (), { Module.portalEmbedding.start(); });

EM_JS(void, embedding_route, (const char* route), {
    Module.portalEmbedding.routeChanged(UTF8ToString(route));
});

EM_JS(void, embedding_logged_out, (), { Module.portalEmbedding.loggedOut(); });

EM_JS(void, embedding_height, (float height), { Module.portalEmbedding.contentHeight(height); });

} // namespace

void start_embedding() {
    embedding_start();
}

void tell_embedder_route(const std::string& route) {
    embedding_route(route.c_str());
}

void tell_embedder_logged_out() {
    embedding_logged_out();
}

void tell_embedder_content_height(float height) {
    embedding_height(height);
}

} // namespace portal::platform
