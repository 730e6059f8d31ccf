// The screens for visitors and persons, one draw function per screen: registration, the
// person's rights, the download centre and the assistant 小易.
#pragma once

namespace portal {
class PortalApp;
}

namespace portal::ui {

void draw_registration(PortalApp& app);
void draw_person_rights(PortalApp& app);
void draw_downloads(PortalApp& app);
void draw_assistant_panel(PortalApp& app);

// A "返回首页" button for the top of a screen.
void back_home_button(PortalApp& app);

} // namespace portal::ui
