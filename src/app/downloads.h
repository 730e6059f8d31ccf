// The download centre (下载中心): the documents GET /api/downloads lists, with size and date.
#pragma once

#include "core/api_client.h"

#include <functional>
#include <string>
#include <vector>

namespace portal {

// One document of the download centre.
struct DownloadItem {
    std::string id;
    std::string title;
    std::string description;
    std::string file_name;  // the name the browser saves it under
    std::string url;        // same-origin path, e.g. "/downloads/operation-manual.md"
    bool available = false; // false while the file is missing on the server
    long long size_bytes = 0;
    std::string updated_at; // ISO 8601 time, empty when unknown
};

// Formats a size for people: "812 B", "12.4 KB", "3.1 MB".
std::string format_file_size(long long bytes);

// The date part of an ISO 8601 time ("2026-12-04T08:00:00+08:00" gives "2026-12-04").
std::string date_of(const std::string& iso_time);

class DownloadCentre {
public:
    // Loads the list; a second call while a load is running does nothing.
    void load(ApiClient& api, std::function<void()> changed);

    bool loading() const { return loading_; }
    bool loaded() const { return loaded_; }
    const std::string& error() const { return error_; }
    const std::vector<DownloadItem>& items() const { return items_; }

private:
    bool loading_ = false;
    bool loaded_ = false;
    std::string error_;
    std::vector<DownloadItem> items_;
};

} // namespace portal
