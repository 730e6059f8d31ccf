#include "app/batch_declaration.h"

#include "app/csv.h"
#include "app/list_export.h"
#include "core/id_card.h"
#include "core/json_decode.h"
#include "core/text_normalize.h"

#include <algorithm>
#include <map>

namespace portal {

namespace {

// Fictional people of the templates' example rows. A row with one of these numbers is the
// example left in by mistake, and is flagged instead of declared.
constexpr const char* kExampleAdditionId = "350102198503150022";
constexpr const char* kExampleRemovalId = "350102198808080037";

// Failures after which the same request may succeed later; a refusal by the server is final.
bool transient_failure(const std::string& code) {
    return code == "network" || code == "timeout" || code == "server_unavailable";
}

int choice_index(const std::vector<const char*>& items, const std::string& cell) {
    if (cell.empty()) {
        return 0;
    }
    for (size_t i = 0; i < items.size(); ++i) {
        if (cell == items[i]) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::string join_type_names(const std::vector<std::string>& types) {
    std::string names;
    for (const std::string& type : types) {
        names += (names.empty() ? "" : "、") + insurance_type_name(type);
    }
    return names;
}

// The reason of removal_reasons() that `cell` names by label, "category：label" or code.
int removal_reason_index(const std::string& cell) {
    const std::vector<RemovalReason>& reasons = removal_reasons();
    for (size_t i = 0; i < reasons.size(); ++i) {
        const RemovalReason& reason = reasons[i];
        if (cell == reason.label || cell == reason.code ||
            cell == std::string(reason.category) + "：" + reason.label ||
            cell == std::string(reason.category) + ":" + reason.label) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::string reason_choices() {
    std::string labels;
    for (const RemovalReason& reason : removal_reasons()) {
        labels += (labels.empty() ? "" : "、") + std::string(reason.label);
    }
    return labels;
}

void add_form_errors(const DeclarationForm& form,
                     const std::vector<std::pair<const char*, const char*>>& fields,
                     std::vector<std::string>& errors) {
    for (const auto& [field, label] : fields) {
        const std::string& error = form.field_error(field);
        if (error.empty()) {
            continue;
        }
        // Messages such as "停保年月不能晚于当月" already name their column.
        errors.push_back(error.rfind(label, 0) == 0 ? error : std::string(label) + "：" + error);
    }
}

} // namespace

// The declaration state behind a row: a filled-in form with its own Idempotency-Key.
struct BatchDeclaration::Entry {
    std::unique_ptr<StaffAddition> addition;
    std::unique_ptr<StaffRemoval> removal;
    std::string id_card_number; // normalized, for duplicates and the removal's identity check

    DeclarationForm* form() {
        return addition ? static_cast<DeclarationForm*>(addition.get()) : removal.get();
    }
};

BatchDeclaration::BatchDeclaration(UnitContext& context, const AgentPermissions& permissions,
                                   BatchKind kind)
    : context_(context), permissions_(permissions), kind_(kind) {}

BatchDeclaration::~BatchDeclaration() = default;

std::string mask_id_card_number(const std::string& number) {
    if (number.size() <= 8) {
        return std::string(number.size(), '*');
    }
    return number.substr(0, 4) + std::string(number.size() - 8, '*') +
           number.substr(number.size() - 4);
}

void BatchDeclaration::prepare() {
    if (kind_ != BatchKind::Removal || staff_loading_ || busy_) {
        return;
    }
    staff_loading_ = true;
    staff_error_.clear();
    fetch_all_pages(
        context_,
        [](int page) {
            return "/api/staff?page=" + std::to_string(page) +
                   "&pageSize=" + std::to_string(kExportPageSize);
        },
        [this](Result<std::vector<nlohmann::json>> pages) {
            staff_loading_ = false;
            if (!pages.ok()) {
                staff_error_ = "人员列表加载失败：" + pages.error().message;
                return;
            }
            staff_.clear();
            for (const nlohmann::json& page : pages.value()) {
                for (StaffMember& member : decode_staff_page(page).items) {
                    staff_.push_back(std::move(member));
                }
            }
            staff_loaded_ = true;
        });
}

bool BatchDeclaration::ready_for_file() const {
    return permissions_.loaded() && (kind_ == BatchKind::Addition || staff_loaded_) && !busy_;
}

std::string BatchDeclaration::preparation_status() const {
    if (!permissions_.error().empty()) {
        return "险种权限加载失败：" + permissions_.error();
    }
    if (!staff_error_.empty()) {
        return staff_error_;
    }
    if (!permissions_.loaded() || (kind_ == BatchKind::Removal && !staff_loaded_)) {
        return kind_ == BatchKind::Removal ? "正在加载险种权限和人员列表…" : "正在加载险种权限…";
    }
    return "";
}

void BatchDeclaration::clear() {
    if (busy_) {
        return;
    }
    file_name_.clear();
    encoding_.clear();
    file_error_.clear();
    rows_.clear();
    entries_.clear();
    cursor_ = 0;
    pause_reason_.clear();
}

void BatchDeclaration::reset() {
    busy_ = false;
    clear();
    staff_.clear();
    staff_loaded_ = false;
    staff_loading_ = false;
    staff_error_.clear();
}

void BatchDeclaration::reject_file(const std::string& file_name, std::string message) {
    if (busy_) {
        return;
    }
    clear();
    file_name_ = file_name;
    file_error_ = std::move(message);
}

void BatchDeclaration::load_file(const std::string& file_name, const std::string& text,
                                 const std::string& encoding) {
    if (busy_) {
        return;
    }
    clear();
    file_name_ = file_name;
    encoding_ = encoding;
    const auto& columns =
        kind_ == BatchKind::Addition ? batch_addition_columns() : batch_removal_columns();
    Result<std::vector<SheetRow>> sheet = read_batch_sheet(text, columns, limits);
    if (!sheet.ok()) {
        file_error_ = sheet.error().message;
        return;
    }
    check_rows(sheet.value());
}

void BatchDeclaration::check_rows(const std::vector<SheetRow>& sheet) {
    std::map<std::string, std::size_t> first_row_of;
    for (const SheetRow& line : sheet) {
        BatchRow row;
        row.row = line.row;
        row.name = line.cell("name");
        rows_.push_back(std::move(row));
        entries_.push_back(std::make_unique<Entry>());
        Entry& entry = *entries_.back();
        if (kind_ == BatchKind::Addition) {
            check_addition(line, entry);
        } else {
            check_removal(line, entry);
        }

        BatchRow& added = rows_.back();
        const std::string example =
            kind_ == BatchKind::Addition ? kExampleAdditionId : kExampleRemovalId;
        if (entry.id_card_number == example) {
            added.errors.insert(added.errors.begin(), "这是模板中的示例行，请删除后再导入");
        } else if (!entry.id_card_number.empty()) {
            auto [it, fresh] = first_row_of.emplace(entry.id_card_number, line.row);
            if (!fresh) {
                added.errors.push_back("证件号码与第" + std::to_string(it->second) +
                                       "行重复，同一人员请只填一行");
            }
        }
        added.state = added.errors.empty() ? BatchRowState::Ready : BatchRowState::Invalid;
    }
}

std::string BatchDeclaration::check_id_card(const std::string& cell,
                                            std::string& normalized) const {
    const std::string value = strip_text_formula(cell);
    std::string mangled = describe_mangled_id_card(value);
    if (!mangled.empty()) {
        return mangled;
    }
    const IdCardVerdict verdict = validateIdCardNumber(value, context_.today());
    if (verdict.isBlocked()) {
        return ""; // the form's own check reports it, or the removal's caller
    }
    normalized = verdict.normalized;
    return "";
}

void BatchDeclaration::check_addition(const SheetRow& line, Entry& entry) {
    BatchRow& row = rows_.back();
    auto form = std::make_unique<StaffAddition>(context_, permissions_);
    form->bounds = bounds;

    const std::string id_cell = strip_text_formula(line.cell("idCardNumber"));
    const std::string mangled = check_id_card(id_cell, entry.id_card_number);
    form->id_card_number = id_cell;
    form->name = line.cell("name");
    form->mobile = strip_text_formula(line.cell("mobile"));
    form->contribution_base = line.cell("contributionBase");
    form->remark = line.cell("remark");

    const std::pair<const char*, int*> choices[] = {
        {"documentType", &form->document_type},
        {"ethnicity", &form->ethnicity},
        {"householdType", &form->household_type},
        {"employmentForm", &form->employment_form},
    };
    const std::vector<const char*>* lists[] = {&addition_document_types(), &addition_ethnicities(),
                                               &addition_household_types(),
                                               &addition_employment_forms()};
    std::vector<std::string> choice_errors;
    for (size_t i = 0; i < 4; ++i) {
        const std::string cell = line.cell(choices[i].first);
        const int index = choice_index(*lists[i], cell);
        *choices[i].second = std::max(index, 0);
        if (index < 0) {
            // The optional choice columns follow the six required ones in the template.
            const BatchColumn& column = batch_addition_columns()[6 + i];
            std::string allowed;
            for (const char* item : *lists[i]) {
                allowed += (allowed.empty() ? "" : "、") + std::string(item);
            }
            choice_errors.push_back(std::string(column.title) + "：“" + cell +
                                    "”不在可选范围内，应为" + allowed);
        }
    }

    Result<std::vector<std::string>> types =
        parse_sheet_insurance_types(line.cell("insuranceTypes"));
    if (types.ok()) {
        for (size_t i = 0; i < 3; ++i) {
            form->ticked[i] = std::find(types.value().begin(), types.value().end(),
                                        kInsuranceTypes[i]) != types.value().end();
        }
        row.insurance_types = join_type_names(types.value());
    }

    const std::vector<std::string> months = form->start_month_options();
    const std::optional<std::string> month = parse_sheet_month(line.cell("startMonth"));
    std::string month_error;
    if (!month) {
        month_error =
            "参保开始年月：“" + line.cell("startMonth") + "”不是年月，应填写如" + months[0];
    } else if (*month != months[0] && *month != months[1]) {
        month_error = "参保开始年月：只能是当月（" + months[0] + "）或上月（" + months[1] + "）";
    } else {
        form->start_month_choice = *month == months[0] ? 0 : 1;
    }

    form->validate();
    if (!mangled.empty()) {
        row.errors.push_back(mangled);
    } else {
        add_form_errors(*form, {{"idCardNumber", "证件号码"}}, row.errors);
    }
    add_form_errors(*form, {{"name", "姓名"}, {"mobile", "手机号码"}}, row.errors);
    if (!types.ok()) {
        row.errors.push_back("参保险种：" + types.error().message);
    } else {
        add_form_errors(*form, {{"insuranceTypes", "参保险种"}}, row.errors);
    }
    if (!month_error.empty()) {
        row.errors.push_back(month_error);
    } else {
        add_form_errors(*form, {{"startMonth", "参保开始年月"}}, row.errors);
    }
    add_form_errors(*form, {{"contributionBase", "月缴费基数"}, {"remark", "备注"}}, row.errors);
    row.errors.insert(row.errors.end(), choice_errors.begin(), choice_errors.end());

    row.id_card_number =
        entry.id_card_number.empty() ? id_cell : mask_id_card_number(entry.id_card_number);
    row.summary =
        form->contribution_base + "元，" + (month ? *month : line.cell("startMonth")) + "起";
    entry.addition = std::move(form);
}

void BatchDeclaration::check_removal(const SheetRow& line, Entry& entry) {
    BatchRow& row = rows_.back();
    const std::string id_cell = strip_text_formula(line.cell("idCardNumber"));
    std::string id_error = check_id_card(id_cell, entry.id_card_number);
    if (id_error.empty() && entry.id_card_number.empty()) {
        const IdCardVerdict verdict = validateIdCardNumber(id_cell, context_.today());
        for (const Finding& finding : verdict.findings) {
            if (finding.severity == Severity::block) {
                id_error = "证件号码：" + finding.message;
                break;
            }
        }
    }
    row.id_card_number =
        entry.id_card_number.empty() ? id_cell : mask_id_card_number(entry.id_card_number);
    const int reason = removal_reason_index(line.cell("reason"));
    const std::optional<std::string> end_month = parse_sheet_month(line.cell("endMonth"));
    row.summary =
        (reason >= 0 ? removal_reasons()[static_cast<size_t>(reason)].label : line.cell("reason")) +
        std::string("，停保") + end_month.value_or(line.cell("endMonth"));
    if (!id_error.empty()) {
        row.errors.push_back(id_error);
        return;
    }

    // The staff list masks numbers, so a row is matched by name and masked number. The full
    // number is compared with the member's detail just before the removal is sent.
    std::vector<const StaffMember*> matches;
    for (const StaffMember& member : staff_) {
        if (member.name == row.name &&
            member.idCardNumber == mask_id_card_number(entry.id_card_number)) {
            matches.push_back(&member);
        }
    }
    if (matches.empty()) {
        row.errors.push_back("人员列表中没有姓名和证件号码都相符的人员，请核对后再导入");
        return;
    }
    if (matches.size() > 1) {
        row.errors.push_back(
            "人员列表中有多名同名且证件号码相近的人员，请在人员列表中逐个办理减员");
        return;
    }

    auto form = std::make_unique<StaffRemoval>(context_, permissions_);
    form->start_for(*matches.front());
    const std::string types_cell = line.cell("insuranceTypes");
    Result<std::vector<std::string>> types = parse_sheet_insurance_types(types_cell);
    if (!types_cell.empty() && types.ok()) {
        for (size_t i = 0; i < 3; ++i) {
            form->ticked[i] = std::find(types.value().begin(), types.value().end(),
                                        kInsuranceTypes[i]) != types.value().end();
        }
    }
    row.insurance_types = join_type_names(form->ticked_types());
    form->reason = std::max(reason, 0);
    form->end_month = end_month.value_or(line.cell("endMonth"));
    const std::optional<std::string> event_date = parse_sheet_date(line.cell("eventDate"));
    form->event_date = event_date.value_or(line.cell("eventDate"));
    form->validate();

    add_form_errors(*form, {{"staffId", "人员"}}, row.errors);
    if (!types.ok()) {
        row.errors.push_back("减员险种：" + types.error().message);
    } else {
        add_form_errors(*form, {{"insuranceTypes", "减员险种"}}, row.errors);
    }
    if (reason < 0) {
        row.errors.push_back("减员原因：“" + line.cell("reason") + "”不在代码表中，应为" +
                             reason_choices());
    }
    add_form_errors(*form, {{"endMonth", "停保年月"}, {"eventDate", "发生日期"}}, row.errors);
    entry.removal = std::move(form);
}

std::size_t BatchDeclaration::count(BatchRowState state) const {
    return static_cast<std::size_t>(std::count_if(
        rows_.begin(), rows_.end(), [state](const BatchRow& row) { return row.state == state; }));
}

std::size_t BatchDeclaration::sendable_count() const {
    return count(BatchRowState::Ready) + count(BatchRowState::Failed);
}

void BatchDeclaration::submit() {
    if (busy_ || sendable_count() == 0) {
        return;
    }
    busy_ = true;
    pause_reason_.clear();
    cursor_ = 0;
    send_next();
}

void BatchDeclaration::send_next() {
    while (cursor_ < rows_.size()) {
        BatchRow& row = rows_[cursor_];
        if (row.state != BatchRowState::Ready && row.state != BatchRowState::Failed) {
            ++cursor_;
            continue;
        }
        row.state = BatchRowState::Sending;
        row.result.clear();
        DeclarationForm* form = entries_[cursor_]->form();
        const std::size_t index = cursor_;
        form->on_finished = [this, index] { row_finished(index); };
        if (kind_ == BatchKind::Removal) {
            send_removal(index);
            return;
        }
        entries_[index]->addition->submit();
        if (form->busy()) {
            return;
        }
        // The form found the row invalid after all (the date moved on since the preview).
        row.state = BatchRowState::Rejected;
        row.result = "未提交：" + form->failure_message();
        ++cursor_;
    }
    busy_ = false;
}

void BatchDeclaration::send_removal(std::size_t index) {
    const long long staff_id = entries_[index]->removal->staff()->staffId;
    context_.request("GET", "/api/staff/" + std::to_string(staff_id), std::nullopt,
                     [this, index](Result<nlohmann::json> result) {
                         Entry& entry = *entries_[index];
                         BatchRow& row = rows_[index];
                         if (!result.ok()) {
                             if (transient_failure(result.error().code)) {
                                 pause(index, result.error().message);
                                 return;
                             }
                             row.state = BatchRowState::Rejected;
                             row.result = result.error().message;
                             ++cursor_;
                             send_next();
                             return;
                         }
                         const nlohmann::json* staff =
                             json_decode::object_member(result.value(), "staff");
                         const std::optional<StaffMember> member =
                             staff ? decode_staff_member(*staff) : std::nullopt;
                         if (!member || member->idCardNumber != entry.id_card_number) {
                             row.state = BatchRowState::Rejected;
                             row.result = "未提交：人员列表中该人员的证件号码与文件不一致，请核对";
                             ++cursor_;
                             send_next();
                             return;
                         }
                         entry.removal->submit();
                         if (!entry.removal->busy()) {
                             row.state = BatchRowState::Rejected;
                             row.result = "未提交：" + entry.removal->failure_message();
                             ++cursor_;
                             send_next();
                         }
                     });
}

void BatchDeclaration::row_finished(std::size_t index) {
    DeclarationForm& form = *entries_[index]->form();
    BatchRow& row = rows_[index];
    if (form.failure_code().empty()) {
        std::string numbers;
        for (const Declaration& item : form.created()) {
            numbers += (numbers.empty() ? "" : "、") + std::to_string(item.id);
        }
        row.state = BatchRowState::Created;
        row.result = "申报编号 " + numbers;
    } else if (transient_failure(form.failure_code())) {
        pause(index, form.failure_message());
        return;
    } else {
        row.state = BatchRowState::Rejected;
        row.result = form.failure_message();
    }
    ++cursor_;
    send_next();
}

std::string BatchDeclaration::template_file_name() const {
    return kind_ == BatchKind::Addition ? "批量增员模板.csv" : "批量减员模板.csv";
}

std::string BatchDeclaration::template_csv() const {
    const CalendarDate today = context_.today();
    const std::string month = format_month(today.year, today.month);
    const auto& columns =
        kind_ == BatchKind::Addition ? batch_addition_columns() : batch_removal_columns();
    CsvWriter csv;
    for (const BatchColumn& column : columns) {
        csv.text(std::string(column.title) + (column.required ? "*" : ""));
    }
    csv.end_row();
    // Months and dates are written like numbers, because Excel would turn "2026-01" into a date
    // and save it back as "2026/1/1" or "Jan-26".
    if (kind_ == BatchKind::Addition) {
        csv.text("张示例").number_text(kExampleAdditionId).number_text("13805913005");
        csv.text("企业养老、工伤").number_text(month).text("6000");
        csv.text("居民身份证").text("汉族").text("本省城镇户籍").text("全日制用工");
        csv.text("示例行，导入前请删除").end_row();
    } else {
        csv.text("李示例").number_text(kExampleRemovalId).text("企业养老");
        csv.text(removal_reasons()[1].label).number_text(month).number_text(formatDate(today));
        csv.end_row();
    }
    return csv.contents();
}

void BatchDeclaration::pause(std::size_t index, const std::string& message) {
    rows_[index].state = BatchRowState::Failed;
    rows_[index].result = message;
    busy_ = false;
    pause_reason_ = "提交在第" + std::to_string(rows_[index].row) + "行中断：" + message +
                    "。已提交的记录不会重复申报，请稍后点击“继续提交”";
}

} // namespace portal
