// URL hash routes: the address bar follows the app's screen, and back, forward and typed
// links move the app.
#pragma once

#include <functional>
#include <string>

namespace portal::platform {

// Listens for hash changes and calls `follow` with the new route (also once now, with the
// route the page was opened at).
void install_routes(std::function<void(const std::string& route)> follow);

// Makes `route` the address bar's hash, as a new history entry or with `replace` in place of
// the current one, and `title` the page title.
void show_route(const std::string& route, const std::string& title, bool replace);

} // namespace portal::platform
