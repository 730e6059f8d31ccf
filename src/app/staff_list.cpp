#include "app/staff_list.h"

#include "core/json_decode.h"

#include <algorithm>
#include <numeric>

namespace portal {

long long staff_display_base(const StaffMember& member) {
    for (const StaffRecord& record : member.records) {
        if (record.status == "active") {
            return record.contributionBase;
        }
    }
    return member.records.empty() ? 0 : member.records.front().contributionBase;
}

std::string staff_active_types(const StaffMember& member) {
    std::string types;
    for (const StaffRecord& record : member.records) {
        if (record.status != "active") {
            continue;
        }
        if (!types.empty()) {
            types += "、";
        }
        types += record.insuranceTypeName;
    }
    return types.empty() ? "已停保" : types;
}

void StaffList::reset() {
    page_ = {};
    order_.clear();
    loading_ = false;
    error_.clear();
    detail_.reset();
    detail_error_.clear();
    name_filter.clear();
    status_filter = 0;
}

std::string StaffList::query_url(int page) const {
    std::string url = "/api/staff?page=" + std::to_string(std::max(page, 1)) +
                      "&pageSize=" + std::to_string(page_size);
    if (!name_filter.empty()) {
        url += "&name=" + url_encode(name_filter);
    }
    if (status_filter == 1) {
        url += "&status=active";
    } else if (status_filter == 2) {
        url += "&status=stopped";
    }
    return url;
}

void StaffList::load(int page) {
    loading_ = true;
    context_.request("GET", query_url(page), std::nullopt, [this](Result<nlohmann::json> result) {
        loading_ = false;
        if (!result.ok()) {
            error_ = result.error().message;
            return;
        }
        error_.clear();
        page_ = decode_staff_page(result.value());
        apply_sort();
    });
}

void StaffList::sort_by(StaffSortColumn column, bool ascending) {
    sort_column_ = column;
    sort_ascending_ = ascending;
    apply_sort();
}

void StaffList::apply_sort() {
    order_.resize(page_.items.size());
    std::iota(order_.begin(), order_.end(), size_t{0});
    const auto& items = page_.items;
    auto less = [this, &items](size_t a, size_t b) {
        const StaffMember& x = items[a];
        const StaffMember& y = items[b];
        switch (sort_column_) {
        case StaffSortColumn::Name:
            return x.name < y.name;
        case StaffSortColumn::IdCardNumber:
            return x.idCardNumber < y.idCardNumber;
        case StaffSortColumn::Base:
            return staff_display_base(x) < staff_display_base(y);
        case StaffSortColumn::Order:
            break;
        }
        return a < b;
    };
    std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
        return sort_ascending_ ? less(a, b) : less(b, a);
    });
}

void StaffList::open_detail(long long staff_id) {
    detail_error_.clear();
    context_.request("GET", "/api/staff/" + std::to_string(staff_id), std::nullopt,
                     [this](Result<nlohmann::json> result) {
                         if (!result.ok()) {
                             detail_error_ = result.error().message;
                             return;
                         }
                         const nlohmann::json* staff =
                             json_decode::object_member(result.value(), "staff");
                         detail_ = staff ? decode_staff_member(*staff) : std::nullopt;
                         if (!detail_) {
                             detail_error_ = "人员信息无法识别，请稍后重试";
                         }
                     });
}

const StaffMember* StaffList::find(long long staff_id) const {
    for (const StaffMember& member : page_.items) {
        if (member.staffId == staff_id) {
            return &member;
        }
    }
    return nullptr;
}

} // namespace portal
