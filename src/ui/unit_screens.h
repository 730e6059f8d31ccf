// The unit screens of the legal person and the agent, one draw function per screen, plus the
// navigation menu around them and their dialogs.
#pragma once

namespace portal {
class PortalApp;
}

namespace portal::ui {

// Draws the signed-in unit user's menu and the current unit screen beside it.
void draw_unit_screen(PortalApp& app);

// On the home page of a signed-in legal person or agent: a card of shortcuts to the unit
// screens. Draws nothing for other visitors.
void draw_unit_shortcuts(PortalApp& app);

// The unit screens' dialogs (results, details, reminders); call at the window's top level.
void draw_unit_dialogs(PortalApp& app);

void draw_unit_info(PortalApp& app);
void draw_agent_management(PortalApp& app);
void draw_platform_opening(PortalApp& app);
void draw_staff_addition(PortalApp& app);
void draw_staff_removal(PortalApp& app);
void draw_staff_change(PortalApp& app);
void draw_batch_addition(PortalApp& app);
void draw_batch_removal(PortalApp& app);
void draw_staff_list(PortalApp& app);
void draw_declaration_query(PortalApp& app);
void draw_declaration_rollback(PortalApp& app);

// Dialogs of single screens, called by draw_unit_dialogs().
void draw_platform_opening_result(PortalApp& app);
void draw_declaration_result(PortalApp& app);
void draw_staff_detail(PortalApp& app);
void draw_declaration_detail(PortalApp& app);
void draw_rollback_confirmation(PortalApp& app);

} // namespace portal::ui
