// The agent's 人员列表: the unit's staff with search, status filter, paging, sorting of the
// loaded page and a detail view with the full ID-card number.
#pragma once

#include "app/unit_context.h"
#include "app/unit_records.h"

#include <optional>
#include <string>
#include <vector>

namespace portal {

enum class StaffSortColumn { Order, Name, IdCardNumber, Base };

class StaffList {
public:
    explicit StaffList(UnitContext& context) : context_(context) {}

    std::string name_filter;
    int status_filter = 0;  // 0 all, 1 active, 2 stopped
    int page_size = 20;

    // Fetches page `page` with the current filters.
    void load(int page = 1);
    void reset();

    // The request path of page `page`, e.g. "/api/staff?page=1&pageSize=20&name=%E6%9E%97".
    std::string query_url(int page) const;

    bool loading() const { return loading_; }
    const std::string& error() const { return error_; }
    const Page<StaffMember>& page() const { return page_; }

    // Sorts the loaded page; the server returns staff in the order they joined.
    void sort_by(StaffSortColumn column, bool ascending);
    // Indices into page().items in display order.
    const std::vector<size_t>& order() const { return order_; }

    // Fetches GET /api/staff/{id} for the detail dialog.
    void open_detail(long long staff_id);
    void close_detail() { detail_.reset(); detail_error_.clear(); }
    const std::optional<StaffMember>& detail() const { return detail_; }
    const std::string& detail_error() const { return detail_error_; }

    // A member of the loaded page by id; nullptr if not loaded.
    const StaffMember* find(long long staff_id) const;

private:
    void apply_sort();

    UnitContext& context_;
    Page<StaffMember> page_;
    std::vector<size_t> order_;
    StaffSortColumn sort_column_ = StaffSortColumn::Order;
    bool sort_ascending_ = true;
    bool loading_ = false;
    std::string error_;
    std::optional<StaffMember> detail_;
    std::string detail_error_;
};

// The contribution base shown for a member: that of the first active record, else the first.
long long staff_display_base(const StaffMember& member);

// "企业养老、工伤" for the active records of a member.
std::string staff_active_types(const StaffMember& member);

} // namespace portal
