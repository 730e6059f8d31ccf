// Fetching every page of a list endpoint, and the CSV exports of the staff list and of the
// declaration query that agents open in Excel. Numbers stay masked as the screens show them.
#pragma once

#include "app/unit_context.h"
#include "app/unit_records.h"

#include <functional>
#include <string>
#include <vector>

namespace portal {

// The page size of fetch_all_pages (the contract's maximum) and the most pages it fetches.
// NOTE: a list longer than 5,000 records is cut there: an export then contains the first 5,000
// (its notice gives the count), and a batch removal misses staff beyond them.
inline constexpr int kExportPageSize = 100;
inline constexpr int kExportMaxPages = 50;

// Fetches pages 1, 2, ... of a list endpoint (`url_of(page)` builds each path) until the
// response's total is reached or kExportMaxPages pages are in, and passes every page's body to
// `done`. The first failure ends the walk and is passed on instead.
void fetch_all_pages(UnitContext& context, std::function<std::string(int page)> url_of,
                     std::function<void(Result<std::vector<nlohmann::json>>)> done);

// The staff list as a CSV file: 姓名, 身份证号码 (masked), 在保险种, 缴费基数.
std::string staff_list_csv(const std::vector<StaffMember>& staff);

// Declarations as a CSV file: 申报编号, 业务类型, 险种, 姓名, 身份证号码 (masked), 申报内容,
// 状态, 审核意见, 提交时间, 审核时间.
std::string declarations_csv(const std::vector<Declaration>& declarations);

// Saves CSV text through the platform; set by PortalApp. Null in tests that do not save.
using SaveFile = std::function<void(const std::string& file_name, const std::string& contents)>;

// An export in progress: fetches every page, builds the CSV and saves it.
class ListExport {
public:
    explicit ListExport(UnitContext& context) : context_(context) {}

    // Exports the staff list with the filters of `url_of`'s query.
    void export_staff(std::function<std::string(int page)> url_of, const std::string& file_name);
    // Exports the declarations of `url_of`'s query.
    void export_declarations(std::function<std::string(int page)> url_of,
                             const std::string& file_name);

    bool busy() const { return busy_; }
    // The outcome of the last export: a failure or "已导出N条记录".
    const std::string& error() const { return error_; }
    const std::string& notice() const { return notice_; }
    void reset();

    SaveFile save_file;

private:
    void start(std::function<std::string(int page)> url_of,
               std::function<std::string(const std::vector<nlohmann::json>&, size_t&)> build,
               const std::string& file_name);

    UnitContext& context_;
    bool busy_ = false;
    std::string error_;
    std::string notice_;
};

} // namespace portal
