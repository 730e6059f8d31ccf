// Parts the three declaration forms draw alike: the insurance-type checkboxes with the reason
// beside each type the agent may not declare, the submit row and the form's error.
#pragma once

#include "app/declaration_form.h"
#include "app/staff_list.h"

#include <optional>

namespace portal::ui {

// One checkbox per insurance type. `has_record` (may be null) limits the ticks to types the
// person has an active record of; `form_id` keeps the forms' widgets apart.
void insurance_type_checkboxes(DeclarationForm& form, const AgentPermissions& permissions,
                               const char* form_id, const StaffMember* has_record);

// The form's error under the buttons, with a hint that a retry declares nothing twice.
void form_failure(const DeclarationForm& form, const char* submit_label);

// A combo over the loaded page of the staff list, showing `current`. Returns the member picked
// this frame, or nullptr.
const StaffMember* staff_picker(const char* id, const StaffList& staff,
                                const std::optional<StaffMember>& current);

} // namespace portal::ui
