// The 减员 (staff removal) form: a person from the staff list, the insurance types to stop, the
// reason (suspension or termination), the stop month and the date of the event.
#pragma once

#include "app/declaration_form.h"

#include <optional>
#include <string>
#include <vector>

namespace portal {

// A removal reason of the agency's code list.
struct RemovalReason {
    const char* code;      // e.g. "suspension_contract_ended"
    const char* category;  // 暂停缴费 or 终止缴费
    const char* label;     // e.g. 解除劳动合同
};

// The reasons in display order: suspensions first, then terminations.
const std::vector<RemovalReason>& removal_reasons();

// The message the server and the form show for a person with several active records.
inline constexpr const char* kDuplicateRecordsMessage = "该人员有多条记录，请到窗口进行合并";

class StaffRemoval : public DeclarationForm {
public:
    StaffRemoval(UnitContext& context, const AgentPermissions& permissions)
        : DeclarationForm(context, permissions, "removal") {}

    // Starts a removal of `member`: ticks the types with an active record the agent may
    // declare, defaults the stop month to this month.
    void start_for(const StaffMember& member);
    const std::optional<StaffMember>& staff() const { return staff_; }
    // Forgets the person and the form fill.
    void reset() {
        staff_.reset();
        reset_form();
    }

    int reason = 0;  // index into removal_reasons()
    std::string end_month;
    std::string event_date;

    void check_field(const std::string& field);
    bool validate();
    void submit();

private:
    std::string check(const std::string& field) const;

    std::optional<StaffMember> staff_;
};

} // namespace portal
