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

constexpr const char* kDetailPopup = "申报详情##弹窗";
const std::vector<const char*> kTypeFilters = {"全部险种", "企业养老", "工伤", "失业"};
constexpr DeclarationTab kTabs[] = {DeclarationTab::Pending, DeclarationTab::Rejected,
                                    DeclarationTab::Approved, DeclarationTab::Additions,
                                    DeclarationTab::Removals};

void export_declarations(PortalApp& app, const DeclarationQuery& query) {
    DeclarationQuery snapshot = query;
    snapshot.page_size = kExportPageSize;
    const CalendarDate today = app.unit().context.today();
    app.unit().exports.export_declarations(
        [snapshot](int page) { return snapshot.query_url(page); },
        std::string("人员申报查询_") + declaration_tab_label(query.tab) + "_" + formatDate(today) +
            ".csv");
}

void filters(PortalApp& app, DeclarationQuery& query) {
    const float field = compact_layout() ? -1.0f : 150.0f;
    ImGui::SetNextItemWidth(field);
    bool search = ImGui::InputTextWithHint("##申报查询姓名", "姓名", &query.name_filter,
                                           ImGuiInputTextFlags_EnterReturnsTrue);
    same_line_if_fits(200);
    ImGui::SetNextItemWidth(compact_layout() ? -1.0f : 200.0f);
    search = ImGui::InputTextWithHint("##申报查询身份证号码", "完整身份证号码",
                                      &query.id_card_filter,
                                      ImGuiInputTextFlags_EnterReturnsTrue |
                                          ImGuiInputTextFlags_CharsNoBlank) ||
             search;
    same_line_if_fits(120);
    ImGui::SetNextItemWidth(120);
    search = string_combo("##申报查询险种", &query.insurance_type_filter, kTypeFilters) || search;
    same_line_if_fits(130);
    ImGui::SetNextItemWidth(130);
    search = ImGui::InputTextWithHint("##申报日期起", "起始日期", &query.from_date,
                                      ImGuiInputTextFlags_EnterReturnsTrue) ||
             search;
    same_line_if_fits(130);
    ImGui::SetNextItemWidth(130);
    search = ImGui::InputTextWithHint("##申报日期止", "截止日期", &query.to_date,
                                      ImGuiInputTextFlags_EnterReturnsTrue) ||
             search;
    same_line_if_fits(90);
    if (primary_button("查询##申报查询", ImVec2(90, 0)) || search) {
        query.load(1);
    }
    if (export_button(app.unit().exports, "申报查询")) {
        export_declarations(app, query);
    }
    export_outcome(app.unit().exports);
}

void declarations_table(DeclarationQuery& query) {
    const auto& items = query.page().items;
    // A long page scrolls inside the table so its header stays in view. A short one gets the
    // height of its rows, because a zero height made this table fill and grow its auto-sized
    // parent frame after frame.
    const bool scrolls = items.size() > kRowsBeforeScrolling;
    const float row_height = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
    const float height =
        scrolls ? 520.0f : row_height * static_cast<float>(items.size() + 1);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##申报表", 8, flags, ImVec2(0, height))) {
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("编号", 0, 0.4f);
    ImGui::TableSetupColumn("类型", 0, 0.6f);
    ImGui::TableSetupColumn("险种", 0, 0.6f);
    ImGui::TableSetupColumn("姓名", 0, 0.7f);
    ImGui::TableSetupColumn("身份证号码", 0, 1.4f);
    ImGui::TableSetupColumn("提交时间", 0, 1.1f);
    ImGui::TableSetupColumn("状态", 0, 0.8f);
    ImGui::TableSetupColumn("审核意见", 0, 1.4f);
    table_headers("##申报表", static_cast<int>(items.size()));

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(items.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const Declaration& item = items[static_cast<size_t>(row)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string label = std::to_string(item.id) + "##申报" + std::to_string(item.id);
            if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
                query.open_detail(item.id);
            }
            ImGui::TableNextColumn();
            cell_text(item.kindName.c_str());
            ImGui::TableNextColumn();
            cell_text(item.insuranceTypeName.c_str());
            ImGui::TableNextColumn();
            cell_text(item.name.c_str());
            ImGui::TableNextColumn();
            cell_text(item.idCardNumber.c_str());
            ImGui::TableNextColumn();
            cell_text(format_moment(item.createdAt).c_str());
            ImGui::TableNextColumn();
            cell_text(item.statusName.c_str(), status_color(item.status));
            ImGui::TableNextColumn();
            // One line per row keeps the rows even for the clipper; the whole reason is in the
            // tooltip and the detail view.
            cell_text(item.reviewReason.c_str());
            if (ImGui::IsItemHovered() && !item.reviewReason.empty()) {
                ImGui::SetTooltip("%s", item.reviewReason.c_str());
            }
        }
    }
    ImGui::EndTable();
}

} // namespace

void draw_declaration_query(PortalApp& app) {
    DeclarationQuery& query = app.unit().query;
    screen_heading("人员申报查询", "查询本单位的增员、减员和人员信息变更申报及审核结果；点击一行查看详情。");

    // A tab chosen by code (a reminder's link, a result dialog) has to be selected in ImGui's
    // tab bar too, or the tab bar would switch back to the tab it remembers. Until the tab bar
    // shows it, the tab the bar reports is not taken as the user's choice.
    static DeclarationTab last_shown = DeclarationTab::Pending;
    const bool forced = last_shown != query.tab;
    DeclarationTab shown = query.tab;
    if (ImGui::BeginTabBar("##申报查询分页")) {
        for (DeclarationTab tab : kTabs) {
            const ImGuiTabItemFlags flags =
                forced && tab == query.tab ? ImGuiTabItemFlags_SetSelected : 0;
            if (ImGui::BeginTabItem(declaration_tab_label(tab), nullptr, flags)) {
                shown = tab;
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    if (!forced && shown != query.tab) {
        query.select_tab(shown);
    }
    last_shown = shown;
    filters(app, query);
    muted_text("日期格式：年-月-日，如 2026-01-31；按提交日期筛选。");
    if (!query.error().empty()) {
        error_text(query.error().c_str());
    }
    if (!query.detail_error().empty()) {
        error_text(query.detail_error().c_str());
    }
    if (query.page().items.empty()) {
        muted_text(query.loading() ? "正在查询…" : "没有符合条件的申报记录");
        return;
    }
    declarations_table(query);
    if (int target = pager("申报查询分页器", query.page().page, query.page().page_count(),
                           query.page().total)) {
        query.load(target);
    }
}

void draw_declaration_detail(PortalApp& app) {
    DeclarationQuery& query = app.unit().query;
    if (!begin_dialog(kDetailPopup, query.detail().has_value(), 520.0f)) {
        return;
    }
    bool close = !query.detail();
    if (query.detail()) {
        const Declaration& item = *query.detail();
        dialog_title(("申报详情（编号 " + std::to_string(item.id) + "）").c_str());
        ImGui::Text("申报类型：%s", item.kindName.c_str());
        ImGui::Text("险种：%s", item.insuranceTypeName.c_str());
        ImGui::Text("姓名：%s", item.name.c_str());
        ImGui::Text("身份证号码：%s", item.idCardNumber.c_str());
        ImGui::TextWrapped("申报内容：%s", item.details.c_str());
        ImGui::Text("提交时间：%s", format_moment(item.createdAt).c_str());
        ImGui::Text("审核状态：");
        ImGui::SameLine(0, 0);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(status_color(item.status)), "%s",
                           item.statusName.c_str());
        if (!item.reviewedAt.empty()) {
            ImGui::Text("审核时间：%s", format_moment(item.reviewedAt).c_str());
        }
        if (!item.reviewReason.empty()) {
            ImGui::TextWrapped("审核意见：%s", item.reviewReason.c_str());
        }
        ImGui::Spacing();
        if (item.canRollback) {
            if (ImGui::Button("回退此申报##详情", ImVec2(140, 0))) {
                app.unit().rollback.choose(item);
                close = true;
                app.navigate(Screen::DeclarationRollback);
            }
            ImGui::SameLine();
        }
    }
    if (ImGui::Button("关闭##申报详情", ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        close = true;
    }
    if (close) {
        query.close_detail();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace portal::ui
