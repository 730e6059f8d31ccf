// Widgets the unit screens share: headings, the label column of forms, errors beside their
// field, combo boxes over string lists, a pager and declaration status colours.
#pragma once

#include "app/list_export.h"

#include "imgui.h"

#include <string>
#include <vector>

namespace portal::ui {

// Width of the label column of the unit forms, and of their input fields.
inline constexpr float kFormLabelWidth = 150.0f;
inline constexpr float kFormFieldWidth = 320.0f;

// The screen's title in the section font, a muted line under it and a separator.
void screen_heading(const char* title, const char* subtitle = nullptr);

// Draws a form row's label and moves to the field column (on a phone, the next line), with the
// next item's width set.
void form_label(const char* label);

// The error of the field just drawn: beside it on a wide screen, under it on a phone.
void field_error_beside(const std::string& error);

// A muted paragraph, wrapped.
void muted_text(const char* text);

// Text in the success colour, wrapped.
void success_text(const char* text);

// A combo box over `items`; returns true when the choice changed.
bool string_combo(const char* id, int* index, const std::vector<const char*>& items);

// "上一页" / "下一页" with "第 2 / 5 页，共 93 条"; returns the page to load, or 0 for none.
// `id` keeps the buttons of several pagers apart.
int pager(const char* id, int page, int page_count, long long total);

// "导出CSV" beside a list's filters, disabled while an export runs; returns true when pressed.
// `id` keeps the buttons of several lists apart.
bool export_button(const ListExport& exports, const char* id);

// The last export's outcome under the filters: the file saved, or why it failed.
void export_outcome(const ListExport& exports);

// The colour of a declaration status (pending, rejected, approved, rolled_back).
ImU32 status_color(const std::string& status);

} // namespace portal::ui
