// The 增员 (staff addition) form: who joins, from which month, on which contribution base and
// for which insurance types. The ID-card number is validated as it is typed and gives the sex
// and birth date.
#pragma once

#include "app/declaration_form.h"
#include "core/id_card.h"

#include <string>
#include <vector>

namespace portal {

// Choice lists of the form, in display order.
const std::vector<const char*>& addition_document_types();
const std::vector<const char*>& addition_ethnicities();
const std::vector<const char*>& addition_household_types();
const std::vector<const char*>& addition_employment_forms();

class StaffAddition : public DeclarationForm {
public:
    StaffAddition(UnitContext& context, const AgentPermissions& permissions)
        : DeclarationForm(context, permissions, "addition") {}

    // Indices into the choice lists above.
    int document_type = 0;
    int ethnicity = 0;
    int household_type = 0;
    int employment_form = 0;
    // 0: this month, 1: last month (see start_month_options()).
    int start_month_choice = 0;

    std::string id_card_number;
    std::string name;
    std::string mobile;
    std::string contribution_base;
    std::string remark;

    ContributionBaseBounds bounds;

    // Revalidates the ID-card number. While the user is still typing, a number that is only too
    // short is not flagged yet.
    void id_card_changed(bool still_typing);
    const IdCardDetails& derived() const { return derived_; }
    // "男" / "女" / "" and "1991-06-11" / "" from the valid number.
    std::string derived_sex() const;
    std::string derived_birth_date() const;

    // Clamps a typed base to the bounds and sets base_note(). A non-number is left for validate().
    void clamp_contribution_base();
    const std::string& base_note() const { return base_note_; }

    // "2026-01" and "2025-12": the months an addition may start in. Pension and unemployment
    // may start this month or last month, work injury only this month.
    std::vector<std::string> start_month_options() const;

    void check_field(const std::string& field);
    // Checks every field; true when the form may be sent.
    bool validate();
    void submit();

    // Empties the form for the next person and starts a new key.
    void clear();

    // Starts a new form fill when the screen opens without one in progress.
    void begin();

private:
    std::string check(const std::string& field);

    IdCardDetails derived_;
    bool id_card_valid_ = false;
    std::string base_note_;
};

} // namespace portal
