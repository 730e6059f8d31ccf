// The offline demo build (PORTAL_DEMO): the app's transport answered by the in-browser
// backend, with the data files that tools/demo_assets.py embedded in the page.
#pragma once

#include "core/http.h"

#include <memory>

namespace portal::platform {

// Returns a transport that serves /api/ requests from the demo backend (state in
// localStorage), other requests from the embedded files, and passes the rest to `fetch`. It
// also makes portal_demo_reset() (callable from the page) restore the seed data.
std::unique_ptr<HttpTransport> make_demo_transport(HttpTransport& fetch);

} // namespace portal::platform
