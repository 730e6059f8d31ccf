// What every unit screen shares: the API client, the redraw callback, today's date in China and
// a session epoch that drops answers arriving after the user signed out.
#pragma once

#include "core/api_client.h"
#include "core/calendar_date.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace portal {

// Today's date in China Standard Time (UTC+8, no daylight saving since 1991).
CalendarDate today_in_china();

// A month as the contract writes it, "YYYY-MM".
std::string format_month(int year, int month);

// The month before `year`-`month`, as "YYYY-MM".
std::string previous_month(int year, int month);

class UnitContext {
public:
    UnitContext(ApiClient& api, std::function<void()> changed)
        : api_(api), changed_(std::move(changed)) {}

    // Sends a request through the API client. `done` runs only if the session that sent it is
    // still the current one, and the platform is asked to draw again afterwards.
    void request(const char* method, std::string url, std::optional<nlohmann::json> body,
                 std::function<void(Result<nlohmann::json>)> done,
                 std::vector<std::pair<std::string, std::string>> headers = {});

    // Starts a new epoch: answers to requests sent before are dropped.
    void forget_pending() { ++epoch_; }

    CalendarDate today() const { return clock ? clock() : today_in_china(); }

    // Replaces the wall clock, for tests.
    std::function<CalendarDate()> clock;

private:
    ApiClient& api_;
    std::function<void()> changed_;
    unsigned epoch_ = 0;
};

} // namespace portal
