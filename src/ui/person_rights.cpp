#include "app/portal_app.h"
#include "ui/form_fields.h"
#include "ui/person_screens.h"
#include "ui/theme.h"
#include "ui/widget_registry.h"

#include "imgui.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace portal::ui {

namespace {

constexpr float kChartHeight = 220.0f;
constexpr ImU32 kBarColour = IM_COL32(22, 96, 171, 220);
constexpr ImU32 kGridColour = IM_COL32(220, 227, 236, 255);

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                        ImGuiTableFlags_SizingFixedFit |
                                        ImGuiTableFlags_ScrollX;

void table_text(const std::string& text) {
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    cell_text(text.empty() ? "—" : text.c_str());
}

// The outer height of a table of `rows` rows under a header row; cells align their text to
// frame padding. A phone adds
// room for the horizontal scroll bar, because the columns are wider than its screen.
float table_height(int rows) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float header = ImGui::GetTextLineHeight() + style.CellPadding.y * 2;
    const float scrollbar = compact_layout() ? style.ScrollbarSize : 0.0f;
    const float row = ImGui::GetFrameHeight() + style.CellPadding.y * 2;
    return header + row * static_cast<float>(rows) + scrollbar + 1;
}

void draw_enrolments(const PersonRights& rights) {
    section_heading("参保信息");
    const int rows = static_cast<int>(rights.enrolments().size());
    if (rows == 0) {
        ImGui::TextDisabled("暂无参保信息");
        return;
    }
    // ScrollX needs an outer height; the rows plus the header fit without a vertical bar.
    const float height = table_height(rows);
    if (!ImGui::BeginTable("##参保信息", 6, kTableFlags, ImVec2(available_width(), height))) {
        return;
    }
    for (const char* header : {"险种", "参保状态", "参保单位", "参保起始年月", "缴费基数（元）",
                               "累计缴费月数"}) {
        ImGui::TableSetupColumn(header);
    }
    table_headers("##参保信息", rows);
    for (const Enrolment& enrolment : rights.enrolments()) {
        ImGui::TableNextRow();
        table_text(enrolment.name);
        table_text(enrolment_status_name(enrolment.status));
        table_text(enrolment.unit_name);
        table_text(enrolment.start_month);
        table_text(enrolment.contribution_base > 0 ? std::to_string(enrolment.contribution_base)
                                                   : "");
        table_text(std::to_string(enrolment.paid_months));
    }
    ImGui::EndTable();
}

void draw_year_switch(PortalApp& app, const PersonRights& rights) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("缴费年度");
    for (int year : rights.years()) {
        const std::string label = std::to_string(year) + "年";
        same_line_if_fits(ImGui::CalcTextSize(label.c_str()).x +
                          ImGui::GetStyle().FramePadding.x * 2);
        const bool selected = year == rights.year();
        if (selected ? primary_button(label.c_str()) : ImGui::Button(label.c_str())) {
            app.person().select_rights_year(year);
        }
    }
}

// Bars of the amount paid per month of the year shown, with a light grid and the largest
// amount as the scale.
void draw_chart(const PersonRights& rights) {
    const std::vector<double> totals = rights.monthly_totals();
    const double largest = *std::max_element(totals.begin(), totals.end());

    const float width = available_width();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, kChartHeight));
    ImDrawList* draw = ImGui::GetWindowDrawList();

    const float line = ImGui::GetTextLineHeight();
    const float axis_label_width = ImGui::CalcTextSize("00000").x + 8;
    const float top = origin.y + line;
    const float bottom = origin.y + kChartHeight - line - 6;
    const float left = origin.x + axis_label_width;
    const float right = origin.x + width - 4;

    for (int step = 0; step <= 2; ++step) {
        const float y = bottom - (bottom - top) * static_cast<float>(step) / 2.0f;
        draw->AddLine(ImVec2(left, y), ImVec2(right, y), kGridColour);
        char label[32];
        std::snprintf(label, sizeof label, "%.0f", largest * step / 2.0);
        const float label_width = ImGui::CalcTextSize(label).x;
        draw->AddText(ImVec2(left - label_width - 6, y - line * 0.5f), colors::kMutedText, label);
    }

    const float slot = (right - left) / 12.0f;
    for (int month = 0; month < 12; ++month) {
        const double amount = totals[static_cast<size_t>(month)];
        const float x0 = left + slot * static_cast<float>(month) + slot * 0.2f;
        const float x1 = x0 + slot * 0.6f;
        if (largest > 0 && amount > 0) {
            const float y = bottom - static_cast<float>(amount / largest) * (bottom - top);
            draw->AddRectFilled(ImVec2(x0, y), ImVec2(x1, bottom), kBarColour, 2.0f);
        }
        const std::string label = std::to_string(month + 1) + "月";
        const float label_width = ImGui::CalcTextSize(label.c_str()).x;
        // On a phone every other month is labelled, so the labels do not overlap.
        if (slot >= label_width + 2 || month % 2 == 0) {
            draw->AddText(ImVec2((x0 + x1 - label_width) * 0.5f, bottom + 4), colors::kMutedText,
                          label.c_str());
        }
    }
}

void draw_contributions(PortalApp& app, const PersonRights& rights) {
    section_heading("缴费记录");
    draw_year_switch(app, rights);
    if (rights.rows().empty()) {
        ImGui::TextDisabled(rights.loading() ? "正在查询…" : "该年度暂无缴费记录");
        return;
    }
    ImGui::TextUnformatted("每月缴费金额（单位与个人合计，元）");
    draw_chart(rights);
    ImGui::Spacing();

    const int rows = static_cast<int>(rights.rows().size());
    // The sum row comes after the months; long years scroll under the frozen header.
    const float height = std::min(table_height(rows + 1), 420.0f);
    const ImGuiTableFlags flags = kTableFlags | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("##缴费记录", 6, flags, ImVec2(available_width(), height))) {
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* header :
         {"缴费年月", "险种", "缴费单位", "缴费基数（元）", "单位缴费（元）", "个人缴费（元）"}) {
        ImGui::TableSetupColumn(header);
    }
    // The sum row counts as a data row.
    table_headers("##缴费记录", rows + 1);
    for (const ContributionRow& row : rights.rows()) {
        ImGui::TableNextRow();
        table_text(row.month);
        table_text(row.insurance_type_name);
        table_text(row.unit_name);
        table_text(std::to_string(row.contribution_base));
        table_text(row.unit_amount);
        table_text(row.personal_amount);
    }
    ImGui::TableNextRow();
    table_text("合计");
    table_text("");
    table_text("");
    table_text("");
    table_text(rights.unit_sum());
    table_text(rights.personal_sum());
    ImGui::EndTable();
}

} // namespace

void draw_person_rights(PortalApp& app) {
    back_home_button(app);
    ImGui::Spacing();
    const PersonRights& rights = app.person().rights();
    begin_card(ImGui::GetContentRegionAvail().x);
    section_heading("我的社保权益");
    if (!rights.person_name().empty()) {
        ImGui::Text("%s　身份证号码 %s", rights.person_name().c_str(),
                    rights.masked_id_card_number().c_str());
    }
    if (!rights.error().empty() && load_error(rights.error().c_str(), "重新查询##权益")) {
        app.person().screen_shown(Screen::PersonRights);
    }
    if (rights.loading() && rights.enrolments().empty()) {
        ImGui::TextDisabled("正在查询…");
    }
    ImGui::Spacing();
    draw_enrolments(rights);
    ImGui::Spacing();
    draw_contributions(app, rights);
    end_card();
}

} // namespace portal::ui
