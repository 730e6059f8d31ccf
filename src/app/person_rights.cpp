#include "app/person_rights.h"

#include "core/json_decode.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace portal {

namespace {

// A year has at most 12 months of the three insurance types, 36 rows, so one page of the
// contract's largest size carries a whole year.
constexpr const char* kYearPage = "pageSize=100";

// Returns the year of a "YYYY-MM" month, or 0.
int year_of(const std::string& month) {
    if (month.size() < 4) {
        return 0;
    }
    return std::atoi(month.substr(0, 4).c_str());
}

int month_of(const std::string& month) {
    return month.size() == 7 ? std::atoi(month.substr(5, 2).c_str()) : 0;
}

std::string string_or_empty(const nlohmann::json& object, const char* key) {
    return json_decode::string_member(object, key).value_or("");
}

Enrolment decode_enrolment(const nlohmann::json& item) {
    Enrolment enrolment;
    enrolment.insurance_type = string_or_empty(item, "insuranceType");
    enrolment.name = string_or_empty(item, "name");
    enrolment.status = string_or_empty(item, "status");
    enrolment.unit_name = string_or_empty(item, "unitName");
    enrolment.start_month = string_or_empty(item, "startMonth");
    enrolment.end_month = string_or_empty(item, "endMonth");
    enrolment.contribution_base = json_decode::integer_member(item, "contributionBase").value_or(0);
    enrolment.paid_months = json_decode::integer_member(item, "paidMonths").value_or(0);
    return enrolment;
}

ContributionRow decode_row(const nlohmann::json& item) {
    ContributionRow row;
    row.month = string_or_empty(item, "month");
    row.insurance_type_name = string_or_empty(item, "insuranceTypeName");
    row.unit_name = string_or_empty(item, "unitName");
    row.contribution_base = json_decode::integer_member(item, "contributionBase").value_or(0);
    row.unit_amount = string_or_empty(item, "unitAmount");
    row.personal_amount = string_or_empty(item, "personalAmount");
    return row;
}

} // namespace

const char* enrolment_status_name(const std::string& status) {
    if (status == "active") {
        return "参保缴费";
    }
    if (status == "stopped") {
        return "暂停缴费";
    }
    return "未参保";
}

void PersonRights::clear() {
    // Responses still on their way belong to the old session and are dropped.
    const unsigned load = load_generation_ + 1;
    *this = PersonRights();
    load_generation_ = load;
}

void PersonRights::load(ApiClient& api, Changed changed) {
    const unsigned load = ++load_generation_;
    rights_error_.clear();
    contributions_error_.clear();
    rights_pending_ = true;
    api.call("GET", "/api/me/rights", std::nullopt,
             [this, load, changed](Result<nlohmann::json> result) {
                 if (load != load_generation_) {
                     return;
                 }
                 rights_pending_ = false;
                 if (result.ok()) {
                     read_rights(result.value());
                 } else {
                     rights_error_ = result.error().message;
                 }
                 changed();
             });

    // Without a year the newest months come first, so the first item names the newest year.
    // That year's page then brings the rows and the server's sums.
    year_pending_ = true;
    api.call("GET", "/api/me/contributions?pageSize=1", std::nullopt,
             [this, &api, load, changed](Result<nlohmann::json> result) {
                 if (load != load_generation_) {
                     return;
                 }
                 year_pending_ = false;
                 int newest = 0;
                 if (!result.ok()) {
                     contributions_error_ = result.error().message;
                 } else if (auto items = result.value().find("items");
                            items != result.value().end() && items->is_array() &&
                            !items->empty()) {
                     newest = year_of(string_or_empty(items->front(), "month"));
                 }
                 if (newest > 0) {
                     select_year(newest, api, changed);
                     return;
                 }
                 update_years();
                 changed();
             });
}

void PersonRights::read_rights(const nlohmann::json& body) {
    if (const nlohmann::json* person = json_decode::object_member(body, "person")) {
        person_name_ = string_or_empty(*person, "name");
        masked_id_card_number_ = string_or_empty(*person, "idCardNumber");
    }
    enrolments_.clear();
    auto items = body.find("enrolments");
    if (items != body.end() && items->is_array()) {
        for (const nlohmann::json& item : *items) {
            enrolments_.push_back(decode_enrolment(item));
        }
    }
    update_years();
}

void PersonRights::select_year(int year, ApiClient& api, Changed changed) {
    year_ = year;
    const unsigned load = load_generation_;
    const unsigned request = ++year_request_;
    contributions_error_.clear();
    year_pending_ = true;
    const std::string url =
        "/api/me/contributions?" + std::string(kYearPage) + "&year=" + std::to_string(year);
    api.call("GET", url, std::nullopt,
             [this, load, request, changed](Result<nlohmann::json> result) {
                 if (load != load_generation_ || request != year_request_) {
                     return;
                 }
                 year_pending_ = false;
                 if (result.ok()) {
                     read_contributions(result.value());
                 } else {
                     contributions_error_ = result.error().message;
                 }
                 changed();
             });
}

void PersonRights::read_contributions(const nlohmann::json& body) {
    rows_.clear();
    auto items = body.find("items");
    if (items != body.end() && items->is_array()) {
        for (const nlohmann::json& item : *items) {
            rows_.push_back(decode_row(item));
        }
    }
    unit_sum_.clear();
    personal_sum_.clear();
    if (const nlohmann::json* sum = json_decode::object_member(body, "sum")) {
        unit_sum_ = string_or_empty(*sum, "unitAmount");
        personal_sum_ = string_or_empty(*sum, "personalAmount");
    }
    update_years();
}

void PersonRights::update_years() {
    int first = year_;
    int last = year_;
    for (const Enrolment& enrolment : enrolments_) {
        const int start = year_of(enrolment.start_month);
        if (start > 0 && (first == 0 || start < first)) {
            first = start;
        }
        const int end = year_of(enrolment.end_month);
        last = std::max(last, end);
    }
    years_.clear();
    if (first <= 0 || last <= 0) {
        return;
    }
    for (int year = first; year <= last; ++year) {
        years_.push_back(year);
    }
}

std::vector<double> PersonRights::monthly_totals() const {
    std::vector<double> totals(12, 0.0);
    for (const ContributionRow& row : rows_) {
        const int month = month_of(row.month);
        if (year_of(row.month) != year_ || month < 1 || month > 12) {
            continue;
        }
        totals[static_cast<size_t>(month - 1)] += std::strtod(row.unit_amount.c_str(), nullptr) +
                                                  std::strtod(row.personal_amount.c_str(), nullptr);
    }
    return totals;
}

} // namespace portal
