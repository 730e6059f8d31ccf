// Deployment settings that are data, not code: links and notices, read from
// portal-config.json next to the page.
#pragma once

#include "core/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace portal {

struct Notice {
    std::string title;
    std::string date;  // as shown, e.g. "2026-11-20"
};

struct PortalSettings {
    std::string legacyHallUrl;
    std::string policySiteUrl;
    std::vector<Notice> notices;
};

// Decodes portal-config.json; a missing member keeps its default, a wrong type is an error.
Result<PortalSettings> parse_settings(std::string_view json_text);

} // namespace portal
