#include "app/unit_workspace.h"

namespace portal {

void UnitWorkspace::screen_shown(Screen screen) {
    if (!exports.busy()) {
        exports.reset();  // an export's notice belongs to the screen it was made on
    }
    switch (screen) {
    case Screen::UnitInfo:
        unit_info.load();
        break;
    case Screen::AgentManagement:
        agents.load();
        break;
    case Screen::PlatformOpening:
        platform.load();
        break;
    case Screen::StaffAddition:
        permissions.load();
        addition.begin();
        break;
    case Screen::StaffRemoval:
    case Screen::StaffChange:
        permissions.load();
        if (staff.page().items.empty()) {
            staff.load(1);
        }
        break;
    case Screen::BatchAddition:
        permissions.load();
        break;
    case Screen::BatchRemoval:
        permissions.load();
        batch_removal.prepare();
        break;
    case Screen::StaffList:
        permissions.load();
        staff.load(staff.page().page);
        break;
    case Screen::DeclarationQuery:
        query.load(1);
        break;
    case Screen::DeclarationRollback:
        rollback.load(1);
        break;
    default:
        break;
    }
}

void UnitWorkspace::session_started(UserKind kind) {
    if (kind == UserKind::Person) {
        return;
    }
    context.request("GET", "/api/reminders", std::nullopt, [this](Result<nlohmann::json> result) {
        // The reminder is information only, so a failed fetch is not worth interrupting for.
        if (!result.ok()) {
            return;
        }
        reminders_ = decode_reminders(result.value());
        reminder_open_ = !reminders_.empty();
    });
}

void UnitWorkspace::session_resumed() {
    addition.session_resumed();
    removal.session_resumed();
    change.session_resumed();
}

void UnitWorkspace::session_ended() {
    context.forget_pending();
    permissions.reset();
    unit_info.reset();
    agents.reset();
    platform.reset();
    addition.clear();
    staff.reset();
    query.reset();
    rollback.reset();
    batch_addition.reset();
    batch_removal.reset();
    exports.reset();
    addition.reset_form();
    removal.reset();
    change.reset();
    reminders_.clear();
    reminder_open_ = false;
}

} // namespace portal
