#include "app/downloads.h"

#include "core/json_decode.h"

#include <cstdio>
#include <utility>

namespace portal {

std::string format_file_size(long long bytes) {
    char text[32];
    if (bytes < 1024) {
        std::snprintf(text, sizeof text, "%lld B", bytes);
    } else if (bytes < 1024 * 1024) {
        std::snprintf(text, sizeof text, "%.1f KB", static_cast<double>(bytes) / 1024.0);
    } else {
        std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    }
    return text;
}

std::string date_of(const std::string& iso_time) {
    return iso_time.substr(0, iso_time.find('T'));
}

void DownloadCentre::load(ApiClient& api, std::function<void()> changed) {
    if (loading_) {
        return;
    }
    loading_ = true;
    error_.clear();
    api.call("GET", "/api/downloads", std::nullopt,
             [this, changed = std::move(changed)](Result<nlohmann::json> result) {
                 loading_ = false;
                 if (!result.ok()) {
                     error_ = result.error().message;
                     changed();
                     return;
                 }
                 items_.clear();
                 const nlohmann::json& body = result.value();
                 auto items = body.find("items");
                 if (items != body.end() && items->is_array()) {
                     for (const nlohmann::json& item : *items) {
                         DownloadItem entry;
                         entry.id = json_decode::string_member(item, "id").value_or("");
                         entry.title = json_decode::string_member(item, "title").value_or("");
                         entry.description =
                             json_decode::string_member(item, "description").value_or("");
                         entry.file_name =
                             json_decode::string_member(item, "fileName").value_or("");
                         entry.url = json_decode::string_member(item, "url").value_or("");
                         entry.available =
                             json_decode::bool_member(item, "available").value_or(false);
                         entry.size_bytes =
                             json_decode::integer_member(item, "sizeBytes").value_or(0);
                         entry.updated_at =
                             json_decode::string_member(item, "updatedAt").value_or("");
                         items_.push_back(std::move(entry));
                     }
                 }
                 loaded_ = true;
                 changed();
             });
}

} // namespace portal
