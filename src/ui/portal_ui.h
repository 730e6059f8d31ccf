// Draws one frame of the whole portal: header, the current screen, dialogs.
#pragma once

namespace portal {
class PortalApp;
}

namespace portal::ui {

// Builds the frame's ImGui windows; call between ImGui::NewFrame() and ImGui::Render().
void draw_portal(PortalApp& app);

} // namespace portal::ui
