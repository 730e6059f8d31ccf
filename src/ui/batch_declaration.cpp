#include "app/portal_app.h"
#include "ui/theme.h"
#include "ui/unit_screens.h"
#include "ui/unit_widgets.h"
#include "ui/widget_registry.h"

#include "imgui.h"

#include <algorithm>
#include <string>

namespace portal::ui {

namespace {

constexpr ImU32 kSuccess = IM_COL32(30, 130, 70, 255);

const char* state_label(BatchRowState state) {
    switch (state) {
    case BatchRowState::Invalid:
        return "有错误";
    case BatchRowState::Ready:
        return "可提交";
    case BatchRowState::Sending:
        return "正在提交…";
    case BatchRowState::Created:
        return "已提交";
    case BatchRowState::Rejected:
        return "未通过";
    case BatchRowState::Failed:
        return "待重试";
    }
    return "";
}

ImU32 state_color(BatchRowState state) {
    switch (state) {
    case BatchRowState::Invalid:
    case BatchRowState::Rejected:
    case BatchRowState::Failed:
        return colors::kError;
    case BatchRowState::Created:
        return kSuccess;
    default:
        return colors::kMutedText;
    }
}

void colored_wrapped(ImU32 color, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

// The state of a row and what it needs: its errors, or the server's result. Screen readers
// (and the browser tests) get the whole cell as one message naming the row.
void row_outcome(const BatchRow& row) {
    ImGui::BeginGroup();
    colored_wrapped(state_color(row.state), state_label(row.state));
    std::string message = "第" + std::to_string(row.row) + "行" + state_label(row.state);
    for (const std::string& error : row.errors) {
        colored_wrapped(colors::kError, error);
        message += "；" + error;
    }
    if (!row.result.empty()) {
        colored_wrapped(state_color(row.state), row.result);
        message += "；" + row.result;
    }
    ImGui::EndGroup();
    report_message(message.c_str());
}

// A phone gets two columns, the row number and everything else stacked, because an 18-digit
// number needs most of its width.
void setup_columns(bool compact) {
    // Wide enough for the header and for row numbers up to the 2,000-row limit.
    const float number_width =
        std::max(ImGui::CalcTextSize("行号").x, ImGui::CalcTextSize("0000").x) + 8;
    ImGui::TableSetupColumn("行号", ImGuiTableColumnFlags_WidthFixed, number_width);
    if (compact) {
        ImGui::TableSetupColumn("人员、检查与提交结果");
    } else {
        ImGui::TableSetupColumn("姓名", 0, 0.7f);
        ImGui::TableSetupColumn("证件号码", 0, 1.2f);
        ImGui::TableSetupColumn("险种", 0, 0.8f);
        ImGui::TableSetupColumn("申报内容", 0, 1.3f);
        ImGui::TableSetupColumn("检查与提交结果", 0, 2.4f);
    }
    ImGui::TableHeadersRow();
}

void rows_table(const BatchDeclaration& batch) {
    const bool compact = compact_layout();
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##批量预览", compact ? 2 : 6, flags)) {
        return;
    }
    setup_columns(compact);

    // The lines of a cell belong together, so they sit closer than separate items.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 2.0f));
    for (const BatchRow& row : batch.rows()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%zu", row.row);
        ImGui::TableNextColumn();
        if (compact) {
            ImGui::TextWrapped("%s  %s", row.name.c_str(), row.id_card_number.c_str());
            ImGui::TextWrapped("%s  %s", row.insurance_types.c_str(), row.summary.c_str());
            row_outcome(row);
            continue;
        }
        ImGui::TextWrapped("%s", row.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", row.id_card_number.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", row.insurance_types.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", row.summary.c_str());
        ImGui::TableNextColumn();
        row_outcome(row);
    }
    ImGui::PopStyleVar();
    ImGui::EndTable();
}

void summary(const BatchDeclaration& batch) {
    const size_t total = batch.rows().size();
    std::string line = "共 " + std::to_string(total) + " 行：可提交 " +
                       std::to_string(batch.count(BatchRowState::Ready)) + " 行，有错误 " +
                       std::to_string(batch.count(BatchRowState::Invalid)) + " 行";
    const size_t created = batch.count(BatchRowState::Created);
    const size_t rejected = batch.count(BatchRowState::Rejected);
    const size_t failed = batch.count(BatchRowState::Failed);
    if (created + rejected + failed > 0) {
        line += "；已提交 " + std::to_string(created) + " 行，未通过 " + std::to_string(rejected) +
                " 行，待重试 " + std::to_string(failed) + " 行";
    }
    ImGui::TextWrapped("%s", line.c_str());
    report_message(line.c_str());
}

void submit_row(BatchDeclaration& batch, const char* noun) {
    const size_t sendable = batch.sendable_count();
    const bool resumes = batch.count(BatchRowState::Failed) > 0;
    std::string label;
    if (batch.busy()) {
        label = "正在提交…";
    } else if (resumes) {
        label = "继续提交（" + std::to_string(sendable) + " 条）";
    } else {
        label = std::string("提交") + noun + "申报（" + std::to_string(sendable) + " 条）";
    }
    label += std::string("##提交批量") + noun;
    ImGui::BeginDisabled(batch.busy() || sendable == 0);
    if (primary_button(label.c_str())) {
        batch.submit();
    }
    ImGui::EndDisabled();
    if (batch.count(BatchRowState::Invalid) > 0) {
        muted_text("只提交没有错误的行。有错误的行不会提交：请在文件中改正这些行，删除已提交的行，"
                   "再重新导入。");
    }
}

void file_buttons(PortalApp& app, BatchDeclaration& batch, const char* noun) {
    const std::string template_label = std::string("下载") + noun + "模板";
    if (ImGui::Button(template_label.c_str())) {
        app.save_batch_template(batch);
    }
    const char* pick_label = "选择CSV文件";
    same_line_if_fits(ImGui::CalcTextSize(pick_label).x + ImGui::GetStyle().FramePadding.x * 2);
    ImGui::BeginDisabled(!batch.ready_for_file());
    if (primary_button(pick_label)) {
        app.pick_csv_file(batch);
    }
    ImGui::EndDisabled();
    if (!batch.file_name().empty() || !batch.rows().empty()) {
        same_line_if_fits(90);
        ImGui::BeginDisabled(batch.busy());
        const std::string clear_label = std::string("清空##批量") + noun;
        if (ImGui::Button(clear_label.c_str(), ImVec2(90, 0))) {
            batch.clear();
        }
        ImGui::EndDisabled();
    }
    const std::string status = batch.preparation_status();
    if (!status.empty()) {
        muted_text(status.c_str());
    }
}

void draw_batch(PortalApp& app, BatchDeclaration& batch, const char* noun, const char* subtitle,
                const char* columns) {
    screen_heading((std::string("批量") + noun).c_str(), subtitle);
    muted_text(columns);
    muted_text("证件号码列请先设置为“文本”格式再输入，否则Excel会把号码变成科学计数法并丢失末几位。"
               "填好后另存为“CSV（逗号分隔）”或“CSV UTF-8”。每个文件最多2000行、1MB。");
    ImGui::Spacing();
    file_buttons(app, batch, noun);
    ImGui::Spacing();
    if (!batch.file_name().empty()) {
        std::string line = "文件：" + batch.file_name();
        if (!batch.encoding().empty()) {
            line += "（" + batch.encoding() + " 编码）";
        }
        ImGui::TextWrapped("%s", line.c_str());
    }
    if (!batch.file_error().empty()) {
        error_text(batch.file_error().c_str());
        return;
    }
    if (batch.rows().empty()) {
        return;
    }
    summary(batch);
    if (!batch.pause_reason().empty()) {
        error_text(batch.pause_reason().c_str());
    }
    submit_row(batch, noun);
    ImGui::Spacing();
    rows_table(batch);
}

} // namespace

void draw_batch_addition(PortalApp& app) {
    draw_batch(
        app, app.unit().batch_addition, "增员",
        "从CSV文件一次导入多名新参保职工，逐行按单个增员的规则检查，核对预览后提交。",
        "必填列：姓名、证件号码、手机号码、参保险种（企业养老、工伤、失业，多个用“、”分隔）、"
        "参保开始年月（当月或上月）、月缴费基数（元）。选填列：证件类型、民族、户口性质、"
        "用工形式、备注。列的顺序不限，多余的列不读取。");
}

void draw_batch_removal(PortalApp& app) {
    draw_batch(app, app.unit().batch_removal, "减员",
               "从CSV文件一次为多名本单位参保人员办理减员，人员须在人员列表中。核对预览后提交。",
               "必填列：姓名、证件号码、减员原因、停保年月、发生日期。选填列：减员险种"
               "（不填则为该人员所有在保且可办理的险种）。列的顺序不限，多余的列不读取。");
}

} // namespace portal::ui
