// The 人员信息变更 (staff change) form: the changeable fields of a staff member, shown before and
// after, for the ticked insurance types.
#pragma once

#include "app/declaration_form.h"

#include <optional>
#include <string>

namespace portal {

class StaffChange : public DeclarationForm {
public:
    StaffChange(UnitContext& context, const AgentPermissions& permissions)
        : DeclarationForm(context, permissions, "change") {}

    // Starts a change of `member`, prefilling the new values with the current ones.
    void start_for(const StaffMember& member);
    const std::optional<StaffMember>& staff() const { return staff_; }
    // Forgets the person and the form fill.
    void reset() {
        staff_.reset();
        reset_form();
    }

    // The current contribution base: that of the first active record, 0 without one.
    long long current_base() const;

    std::string new_name;
    std::string new_base;

    ContributionBaseBounds bounds;

    void check_field(const std::string& field);
    bool validate();
    void submit();

private:
    std::string check(const std::string& field) const;

    std::optional<StaffMember> staff_;
};

} // namespace portal
