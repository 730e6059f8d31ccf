#include "app/declaration_query.h"

#include "core/json_decode.h"

#include <algorithm>

namespace portal {

const char* declaration_tab_label(DeclarationTab tab) {
    switch (tab) {
    case DeclarationTab::Pending:
        return "待审核";
    case DeclarationTab::Rejected:
        return "审核未通过";
    case DeclarationTab::Approved:
        return "审核已通过";
    case DeclarationTab::Additions:
        return "增员记录";
    case DeclarationTab::Removals:
        return "减员记录";
    }
    return "";
}

void DeclarationQuery::reset() {
    page_ = {};
    loading_ = false;
    error_.clear();
    detail_.reset();
    detail_error_.clear();
    tab = DeclarationTab::Pending;
    name_filter.clear();
    id_card_filter.clear();
    insurance_type_filter = 0;
    from_date.clear();
    to_date.clear();
}

void DeclarationQuery::select_tab(DeclarationTab next) {
    if (tab == next && (loading_ || !page_.items.empty())) {
        return;
    }
    tab = next;
    load(1);
}

std::string DeclarationQuery::query_url(int page) const {
    std::string url = "/api/declarations?page=" + std::to_string(std::max(page, 1)) +
                      "&pageSize=" + std::to_string(page_size);
    switch (tab) {
    case DeclarationTab::Pending:
        url += "&status=pending";
        break;
    case DeclarationTab::Rejected:
        url += "&status=rejected";
        break;
    case DeclarationTab::Approved:
        url += "&status=approved";
        break;
    case DeclarationTab::Additions:
        url += "&kind=addition";
        break;
    case DeclarationTab::Removals:
        url += "&kind=removal";
        break;
    }
    auto add = [&url](const char* key, const std::string& value) {
        if (!value.empty()) {
            url += std::string("&") + key + "=" + url_encode(value);
        }
    };
    add("name", name_filter);
    add("idCardNumber", id_card_filter);
    if (insurance_type_filter >= 1 && insurance_type_filter <= 3) {
        add("insuranceType", kInsuranceTypes[insurance_type_filter - 1]);
    }
    add("from", from_date);
    add("to", to_date);
    return url;
}

void DeclarationQuery::load(int page) {
    loading_ = true;
    const DeclarationTab requested = tab;
    context_.request("GET", query_url(page), std::nullopt,
                     [this, requested](Result<nlohmann::json> result) {
                         if (requested != tab) {
                             return;  // the user switched tabs, and that tab's response follows
                         }
                         loading_ = false;
                         if (!result.ok()) {
                             error_ = result.error().message;
                             page_ = {};
                             return;
                         }
                         error_.clear();
                         page_ = decode_declaration_page(result.value());
                     });
}

void DeclarationQuery::open_detail(long long id) {
    detail_error_.clear();
    context_.request("GET", "/api/declarations/" + std::to_string(id), std::nullopt,
                     [this](Result<nlohmann::json> result) {
                         if (!result.ok()) {
                             detail_error_ = result.error().message;
                             return;
                         }
                         const nlohmann::json* item =
                             json_decode::object_member(result.value(), "declaration");
                         detail_ = item ? decode_declaration(*item) : std::nullopt;
                         if (!detail_) {
                             detail_error_ = "申报记录无法识别，请稍后重试";
                         }
                     });
}

} // namespace portal
