// The state of every unit screen (legal person and agent), owned by PortalApp. It loads a
// screen's data when the screen is shown and clears everything when the session ends. It also
// stores the overdue-review reminders fetched after an agent or a legal person logs in.
#pragma once

#include "app/agent_management.h"
#include "app/batch_declaration.h"
#include "app/declaration_query.h"
#include "app/declaration_rollback.h"
#include "app/list_export.h"
#include "app/platform_opening.h"
#include "app/routes.h"
#include "app/staff_addition.h"
#include "app/staff_change.h"
#include "app/staff_list.h"
#include "app/staff_removal.h"
#include "app/unit_context.h"
#include "app/unit_info.h"

#include <vector>

namespace portal {

class UnitWorkspace {
public:
    UnitWorkspace(ApiClient& api, std::function<void()> changed)
        : context(api, std::move(changed)) {}

    // Loads what `screen` shows; screens of other modules are ignored.
    void screen_shown(Screen screen);

    // Fetches the overdue-review reminders of a unit user who just logged in.
    void session_started(UserKind kind);

    // Clears every screen's data and discards the responses still in flight.
    void session_ended();
    // The user whose session ended signed in again: the forms keep their fill.
    void session_resumed();

    // The reminder dialog: open while it has reminders the user has not dismissed.
    const std::vector<OverdueReminder>& reminders() const { return reminders_; }
    bool reminder_open() const { return reminder_open_; }
    void dismiss_reminders() { reminder_open_ = false; }

    UnitContext context;
    AgentPermissions permissions{context};
    UnitInfoScreen unit_info{context};
    AgentManagement agents{context};
    PlatformOpening platform{context, permissions};
    StaffAddition addition{context, permissions};
    StaffRemoval removal{context, permissions};
    StaffChange change{context, permissions};
    StaffList staff{context};
    DeclarationQuery query{context};
    DeclarationRollback rollback{context};
    BatchDeclaration batch_addition{context, permissions, BatchKind::Addition};
    BatchDeclaration batch_removal{context, permissions, BatchKind::Removal};
    // The CSV exports of the staff list and of the declaration query.
    ListExport exports{context};

private:
    std::vector<OverdueReminder> reminders_;
    bool reminder_open_ = false;
};

} // namespace portal
