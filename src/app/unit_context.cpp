#include "app/unit_context.h"

#include <cstdio>
#include <ctime>

namespace portal {

CalendarDate today_in_china() {
    const std::time_t china_now = std::time(nullptr) + 8 * 3600;
    std::tm parts{};
#if defined(_WIN32)
    gmtime_s(&parts, &china_now);
#else
    gmtime_r(&china_now, &parts);
#endif
    return {parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
}

std::string format_month(int year, int month) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", year % 10000, month % 100);
    return text;
}

std::string previous_month(int year, int month) {
    return month == 1 ? format_month(year - 1, 12) : format_month(year, month - 1);
}

void UnitContext::request(const char* method, std::string url,
                          std::optional<nlohmann::json> body,
                          std::function<void(Result<nlohmann::json>)> done,
                          std::vector<std::pair<std::string, std::string>> headers) {
    const unsigned sent_in = epoch_;
    api_.call(
        method, std::move(url), std::move(body),
        [this, sent_in, done = std::move(done)](Result<nlohmann::json> result) {
            if (sent_in != epoch_) {
                return;
            }
            done(std::move(result));
            if (changed_) {
                changed_();
            }
        },
        std::move(headers));
}

} // namespace portal
