// The person's social-insurance rights (我的社保权益): enrolment per insurance type and the
// contribution history of one year, with the monthly totals the chart draws.
#pragma once

#include "core/api_client.h"

#include <functional>
#include <string>
#include <vector>

namespace portal {

// Enrolment in one insurance type, as GET /api/me/rights returns it.
struct Enrolment {
    std::string insurance_type;  // "pension", "work_injury", "unemployment"
    std::string name;            // "企业养老"
    std::string status;          // "active", "stopped" or "not_enrolled"
    std::string unit_name;
    std::string start_month;     // "2020-07", empty when not enrolled
    std::string end_month;       // empty while active
    long long contribution_base = 0;  // whole yuan, 0 when not enrolled
    long long paid_months = 0;
};

// One month of one insurance type in the contribution history.
struct ContributionRow {
    std::string month;  // "2025-12"
    std::string insurance_type_name;
    std::string unit_name;
    long long contribution_base = 0;
    std::string unit_amount;      // yuan with two decimals, as the server sends it
    std::string personal_amount;
};

// The Chinese name of an enrolment status ("参保缴费", "暂停缴费", "未参保").
const char* enrolment_status_name(const std::string& status);

class PersonRights {
public:
    using Changed = std::function<void()>;

    // Loads the enrolments and the newest year of contributions.
    void load(ApiClient& api, Changed changed);
    // Loads the contributions of `year`. A response still pending for an earlier year is dropped.
    void select_year(int year, ApiClient& api, Changed changed);
    // Forgets everything, e.g. at logout.
    void clear();

    bool loading() const { return rights_pending_ || year_pending_; }
    // The failure of the last load, the enrolments' first.
    const std::string& error() const {
        return rights_error_.empty() ? contributions_error_ : rights_error_;
    }

    const std::string& person_name() const { return person_name_; }
    const std::string& masked_id_card_number() const { return masked_id_card_number_; }
    const std::vector<Enrolment>& enrolments() const { return enrolments_; }

    // The years that can be chosen, oldest first, and the one shown.
    const std::vector<int>& years() const { return years_; }
    int year() const { return year_; }
    const std::vector<ContributionRow>& rows() const { return rows_; }
    const std::string& unit_sum() const { return unit_sum_; }
    const std::string& personal_sum() const { return personal_sum_; }

    // The amount paid (unit and personal together) in each month of the year shown, January
    // first; 12 entries, 0 for months without contributions.
    std::vector<double> monthly_totals() const;

private:
    void read_rights(const nlohmann::json& body);
    void read_contributions(const nlohmann::json& body);
    void update_years();

    bool rights_pending_ = false;
    bool year_pending_ = false;
    // Count loads and year requests, so an older response never overwrites a newer one.
    unsigned load_generation_ = 0;
    unsigned year_request_ = 0;
    std::string rights_error_;
    std::string contributions_error_;
    std::string person_name_;
    std::string masked_id_card_number_;
    std::vector<Enrolment> enrolments_;
    std::vector<int> years_;
    int year_ = 0;
    std::vector<ContributionRow> rows_;
    std::string unit_sum_;
    std::string personal_sum_;
};

} // namespace portal
