#include "app/list_export.h"

#include "app/csv.h"
#include "app/staff_list.h"
#include "core/json_decode.h"

#include <memory>

namespace portal {

namespace {

struct PageWalk {
    UnitContext& context;
    std::function<std::string(int)> url_of;
    std::function<void(Result<std::vector<nlohmann::json>>)> done;
    std::vector<nlohmann::json> pages;
};

void fetch_page(std::shared_ptr<PageWalk> walk, int page) {
    walk->context.request(
        "GET", walk->url_of(page), std::nullopt, [walk, page](Result<nlohmann::json> result) {
            if (!result.ok()) {
                walk->done(result.error());
                return;
            }
            const long long total =
                json_decode::integer_member(result.value(), "total").value_or(0);
            const long long page_size =
                json_decode::integer_member(result.value(), "pageSize").value_or(0);
            walk->pages.push_back(std::move(result.value()));
            // page * page_size < total, tested so that the product cannot overflow.
            const bool has_next_page =
                page_size > 0 && page_size <= total / page && page * page_size < total;
            if (has_next_page && page < kExportMaxPages) {
                fetch_page(walk, page + 1);
                return;
            }
            walk->done(std::move(walk->pages));
        });
}

} // namespace

void fetch_all_pages(UnitContext& context, std::function<std::string(int page)> url_of,
                     std::function<void(Result<std::vector<nlohmann::json>>)> done) {
    auto walk =
        std::make_shared<PageWalk>(PageWalk{context, std::move(url_of), std::move(done), {}});
    fetch_page(walk, 1);
}

std::string staff_list_csv(const std::vector<StaffMember>& staff) {
    CsvWriter csv;
    csv.text("序号")
        .text("姓名")
        .text("身份证号码")
        .text("在保险种")
        .text("缴费基数（元）")
        .end_row();
    size_t number = 0;
    for (const StaffMember& member : staff) {
        csv.text(std::to_string(++number))
            .text(member.name)
            .number_text(member.idCardNumber)
            .text(staff_active_types(member))
            .text(std::to_string(staff_display_base(member)))
            .end_row();
    }
    return csv.contents();
}

std::string declarations_csv(const std::vector<Declaration>& declarations) {
    CsvWriter csv;
    for (const char* title : {"申报编号", "业务类型", "险种", "姓名", "身份证号码", "申报内容",
                              "状态", "审核意见", "提交时间", "审核时间"}) {
        csv.text(title);
    }
    csv.end_row();
    for (const Declaration& item : declarations) {
        csv.text(std::to_string(item.id))
            .text(item.kindName)
            .text(item.insuranceTypeName)
            .text(item.name)
            .number_text(item.idCardNumber)
            .text(item.details)
            .text(item.statusName)
            .text(item.reviewReason)
            .text(format_moment(item.createdAt))
            .text(format_moment(item.reviewedAt))
            .end_row();
    }
    return csv.contents();
}

void ListExport::reset() {
    busy_ = false;
    error_.clear();
    notice_.clear();
}

void ListExport::start(
    std::function<std::string(int page)> url_of,
    std::function<std::string(const std::vector<nlohmann::json>&, size_t&)> build,
    const std::string& file_name) {
    if (busy_) {
        return;
    }
    busy_ = true;
    error_.clear();
    notice_.clear();
    fetch_all_pages(context_, std::move(url_of),
                    [this, build, file_name](Result<std::vector<nlohmann::json>> pages) {
                        busy_ = false;
                        if (!pages.ok()) {
                            error_ = "导出失败：" + pages.error().message;
                            return;
                        }
                        size_t count = 0;
                        const std::string contents = build(pages.value(), count);
                        if (save_file) {
                            save_file(file_name, contents);
                        }
                        notice_ = "已导出" + std::to_string(count) + "条记录（" + file_name + "）";
                    });
}

void ListExport::export_staff(std::function<std::string(int page)> url_of,
                              const std::string& file_name) {
    start(
        std::move(url_of),
        [](const std::vector<nlohmann::json>& pages, size_t& count) {
            std::vector<StaffMember> staff;
            for (const nlohmann::json& page : pages) {
                for (StaffMember& member : decode_staff_page(page).items) {
                    staff.push_back(std::move(member));
                }
            }
            count = staff.size();
            return staff_list_csv(staff);
        },
        file_name);
}

void ListExport::export_declarations(std::function<std::string(int page)> url_of,
                                     const std::string& file_name) {
    start(
        std::move(url_of),
        [](const std::vector<nlohmann::json>& pages, size_t& count) {
            std::vector<Declaration> items;
            for (const nlohmann::json& page : pages) {
                for (Declaration& item : decode_declaration_page(page).items) {
                    items.push_back(std::move(item));
                }
            }
            count = items.size();
            return declarations_csv(items);
        },
        file_name);
}

} // namespace portal
