// Messages to the page that embeds the portal in an <iframe> (embedding.js).
#pragma once

#include <string>

namespace portal::platform {

// Starts the postMessage API when the page runs inside an iframe; a no-op otherwise.
void start_embedding();

void tell_embedder_route(const std::string& route);
void tell_embedder_logged_out();
// The height in CSS pixels that shows the whole page without scrolling; sent when it changes.
void tell_embedder_content_height(float height);

} // namespace portal::platform
