// The agent's 人员申报查询: the unit's declarations in five tabs (pending, rejected, approved,
// additions, removals) with filters, paging and a detail view.
#pragma once

#include "app/unit_context.h"
#include "app/unit_records.h"

#include <optional>
#include <string>

namespace portal {

enum class DeclarationTab { Pending, Rejected, Approved, Additions, Removals };

// The Chinese label of a tab: 待审核, 审核未通过, 审核已通过, 增员记录, 减员记录.
const char* declaration_tab_label(DeclarationTab tab);

class DeclarationQuery {
public:
    explicit DeclarationQuery(UnitContext& context) : context_(context) {}

    DeclarationTab tab = DeclarationTab::Pending;
    std::string name_filter;
    std::string id_card_filter;
    int insurance_type_filter = 0;  // 0 all, else kInsuranceTypes[n - 1]
    std::string from_date;          // YYYY-MM-DD or empty
    std::string to_date;
    int page_size = 20;

    // Switches to `next` and loads its first page.
    void select_tab(DeclarationTab next);
    void load(int page = 1);
    void reset();

    // The request path of page `page` of the current tab and filters.
    std::string query_url(int page) const;

    bool loading() const { return loading_; }
    const std::string& error() const { return error_; }
    const Page<Declaration>& page() const { return page_; }

    // Fetches GET /api/declarations/{id} for the detail dialog.
    void open_detail(long long id);
    void close_detail() { detail_.reset(); }
    const std::optional<Declaration>& detail() const { return detail_; }
    const std::string& detail_error() const { return detail_error_; }

private:
    UnitContext& context_;
    Page<Declaration> page_;
    bool loading_ = false;
    std::string error_;
    std::optional<Declaration> detail_;
    std::string detail_error_;
};

} // namespace portal
