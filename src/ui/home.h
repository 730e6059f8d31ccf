// The portal home: service hall with personal and unit entrances, notices and quick links.
#pragma once

namespace portal {
class PortalApp;
}

namespace portal::ui {

void draw_home(PortalApp& app);

} // namespace portal::ui
