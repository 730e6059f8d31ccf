// The login dialog: a modal with one tab per user kind and the fields of the chosen method.
#pragma once

namespace portal {
class PortalApp;
}

namespace portal::ui {

void draw_login_dialog(PortalApp& app);

} // namespace portal::ui
