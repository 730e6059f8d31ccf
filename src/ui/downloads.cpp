#include "app/portal_app.h"
#include "ui/form_fields.h"
#include "ui/person_screens.h"
#include "ui/theme.h"

#include "imgui.h"

#include <string>

namespace portal::ui {

namespace {

void draw_document(PortalApp& app, const DownloadItem& item) {
    ImGui::PushID(item.id.c_str());
    begin_card(ImGui::GetContentRegionAvail().x);
    section_heading(item.title.c_str());
    if (!item.description.empty()) {
        note_text(item.description.c_str());
    }
    if (item.available) {
        ImGui::Text("文件 %s　大小 %s　更新日期 %s", item.file_name.c_str(),
                    format_file_size(item.size_bytes).c_str(), date_of(item.updated_at).c_str());
        const std::string label = "下载" + item.title;
        if (primary_button(label.c_str())) {
            app.download(item.url, item.file_name);
        }
    } else {
        ImGui::TextDisabled("该文档正在更新，暂不能下载，请稍后再试。");
    }
    end_card();
    ImGui::PopID();
}

} // namespace

void draw_downloads(PortalApp& app) {
    back_home_button(app);
    ImGui::Spacing();
    section_heading("下载中心");
    DownloadCentre& downloads = app.person().downloads();
    if (!downloads.error().empty()) {
        if (load_error(downloads.error().c_str(), "重新加载")) {
            downloads.load(app.api(), [] {});
        }
    }
    if (downloads.loading() && downloads.items().empty()) {
        ImGui::TextDisabled("正在加载文档列表…");
    }
    if (downloads.loaded() && downloads.items().empty()) {
        ImGui::TextDisabled("暂无可下载的文档");
    }
    for (const DownloadItem& item : downloads.items()) {
        draw_document(app, item);
        ImGui::Spacing();
    }
}

} // namespace portal::ui
