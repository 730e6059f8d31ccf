#include "app/portal_app.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/unit_widgets.h"
#include "ui/widget_registry.h"

#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"

#include <algorithm>
#include <string>

namespace portal::ui {

namespace {

constexpr size_t kRowsBeforeScrolling = 15;

constexpr const char* kDetailPopup = "人员详情##弹窗";
const std::vector<const char*> kStatusFilters = {"全部状态", "在保", "已停保"};
const std::vector<const char*> kPageSizes = {"每页20条", "每页50条", "每页100条"};
constexpr int kPageSizeValues[] = {20, 50, 100};

void export_staff(PortalApp& app, const StaffList& list) {
    StaffList snapshot = list;
    snapshot.page_size = kExportPageSize;
    const CalendarDate today = app.unit().context.today();
    app.unit().exports.export_staff([snapshot](int page) { return snapshot.query_url(page); },
                                    "人员列表_" + formatDate(today) + ".csv");
}

void filters(PortalApp& app, StaffList& list) {
    ImGui::SetNextItemWidth(compact_layout() ? -1.0f : 220.0f);
    bool search = ImGui::InputTextWithHint("##按姓名查找", "按姓名查找", &list.name_filter,
                                           ImGuiInputTextFlags_EnterReturnsTrue);
    same_line_if_fits(130);
    ImGui::SetNextItemWidth(130);
    search = string_combo("##人员状态", &list.status_filter, kStatusFilters) || search;
    same_line_if_fits(130);
    int size_index = static_cast<int>(
        std::find(std::begin(kPageSizeValues), std::end(kPageSizeValues), list.page_size) -
        std::begin(kPageSizeValues));
    ImGui::SetNextItemWidth(130);
    if (string_combo("##每页条数", &size_index, kPageSizes)) {
        list.page_size = kPageSizeValues[size_index];
        search = true;
    }
    same_line_if_fits(90);
    if (primary_button("查询##人员列表", ImVec2(90, 0)) || search) {
        list.load(1);
    }
    if (export_button(app.unit().exports, "人员列表")) {
        export_staff(app, list);
    }
    export_outcome(app.unit().exports);
}

void apply_sort_specs(StaffList& list) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (specs == nullptr || !specs->SpecsDirty) {
        return;
    }
    if (specs->SpecsCount > 0) {
        const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
        list.sort_by(static_cast<StaffSortColumn>(spec.ColumnUserID),
                     spec.SortDirection != ImGuiSortDirection_Descending);
    } else {
        list.sort_by(StaffSortColumn::Order, true);
    }
    specs->SpecsDirty = false;
}

void row_actions(PortalApp& app, const StaffMember& member) {
    const std::string suffix = "##" + std::to_string(member.staffId);
    if (ImGui::SmallButton(("详情" + suffix).c_str())) {
        app.unit().staff.open_detail(member.staffId);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(("办理减员" + suffix).c_str())) {
        app.unit().removal.start_for(member);
        app.navigate(Screen::StaffRemoval);
    }
    ImGui::SameLine();
    if (ImGui::SmallButton(("办理变更" + suffix).c_str())) {
        app.unit().change.start_for(member);
        app.navigate(Screen::StaffChange);
    }
}

void staff_table(PortalApp& app, StaffList& list) {
    const auto& items = list.page().items;
    // A long page scrolls inside the table so its header stays in view. A short one gets the
    // height of its rows, because a zero height made this table fill and grow its auto-sized
    // parent frame after frame.
    const bool scrolls = items.size() > kRowsBeforeScrolling;
    const float row_height = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
    const float height =
        scrolls ? 520.0f : row_height * static_cast<float>(items.size() + 1);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_Sortable |
                                  ImGuiTableFlags_SizingStretchProp |
                                  (scrolls ? ImGuiTableFlags_ScrollY : 0);
    if (!ImGui::BeginTable("##人员表", 6, flags, ImVec2(0, height))) {
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("序号", ImGuiTableColumnFlags_DefaultSort, 0.5f,
                            static_cast<ImGuiID>(StaffSortColumn::Order));
    ImGui::TableSetupColumn("姓名", 0, 0.9f, static_cast<ImGuiID>(StaffSortColumn::Name));
    ImGui::TableSetupColumn("身份证号码", 0, 1.6f, static_cast<ImGuiID>(StaffSortColumn::IdCardNumber));
    ImGui::TableSetupColumn("在保险种", ImGuiTableColumnFlags_NoSort, 1.6f);
    ImGui::TableSetupColumn("缴费基数", 0, 0.8f, static_cast<ImGuiID>(StaffSortColumn::Base));
    ImGui::TableSetupColumn("操作", ImGuiTableColumnFlags_NoSort, 1.9f);
    table_headers("##人员表", static_cast<int>(list.order().size()));
    apply_sort_specs(list);

    const int first_number = (list.page().page - 1) * list.page().pageSize;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(list.order().size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const size_t index = list.order()[static_cast<size_t>(row)];
            const StaffMember& member = items[index];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            cell_text(std::to_string(first_number + static_cast<int>(index) + 1).c_str());
            ImGui::TableNextColumn();
            cell_text(member.name.c_str());
            if (member.duplicateRecords) {
                ImGui::SameLine();
                cell_text("多条记录", colors::kError);
            }
            ImGui::TableNextColumn();
            cell_text(member.idCardNumber.c_str());
            ImGui::TableNextColumn();
            cell_text(staff_active_types(member).c_str());
            ImGui::TableNextColumn();
            cell_text(std::to_string(staff_display_base(member)).c_str());
            ImGui::TableNextColumn();
            row_actions(app, member);
        }
    }
    ImGui::EndTable();
}

} // namespace

void draw_staff_list(PortalApp& app) {
    StaffList& list = app.unit().staff;
    screen_heading("人员列表", "本单位参保人员；证件号码已做脱敏处理，点击“详情”查看完整信息。");
    filters(app, list);
    ImGui::Spacing();
    if (!list.error().empty() && load_error(list.error().c_str(), "重新加载##人员列表")) {
        list.load(list.page().page);
    }
    if (!list.detail_error().empty()) {
        error_text(list.detail_error().c_str());
    }
    if (list.page().items.empty()) {
        muted_text(list.loading() ? "正在加载…" : "没有符合条件的人员");
        return;
    }
    staff_table(app, list);
    if (int target = pager("人员列表分页", list.page().page, list.page().page_count(),
                           list.page().total)) {
        list.load(target);
    }
}

void draw_staff_detail(PortalApp& app) {
    StaffList& list = app.unit().staff;
    if (!begin_dialog(kDetailPopup, list.detail().has_value(), 560.0f)) {
        return;
    }
    if (list.detail()) {
        const StaffMember& member = *list.detail();
        dialog_title("人员详情");
        ImGui::Text("姓名：%s", member.name.c_str());
        ImGui::Text("身份证号码：%s", member.idCardNumber.c_str());
        if (member.duplicateRecords) {
            error_text("该人员有多条记录，请到窗口进行合并");
        }
        const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg;
        if (ImGui::BeginTable("##参保记录", 4, flags)) {
            ImGui::TableSetupColumn("险种");
            ImGui::TableSetupColumn("状态");
            ImGui::TableSetupColumn("缴费基数");
            ImGui::TableSetupColumn("起止年月");
            table_headers("##参保记录", static_cast<int>(member.records.size()));
            for (const StaffRecord& record : member.records) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                cell_text(record.insuranceTypeName.c_str());
                ImGui::TableNextColumn();
                cell_text(record.status == "active" ? "在保" : "已停保");
                ImGui::TableNextColumn();
                cell_text(std::to_string(record.contributionBase).c_str());
                ImGui::TableNextColumn();
                const std::string period =
                    record.startMonth + " 至 " + (record.endMonth.empty() ? "今" : record.endMonth);
                cell_text(period.c_str());
            }
            ImGui::EndTable();
        }
    }
    ImGui::Spacing();
    if (ImGui::Button("关闭##人员详情", ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape) ||
        !list.detail()) {
        list.close_detail();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace portal::ui
