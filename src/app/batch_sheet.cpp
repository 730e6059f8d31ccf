#include "app/batch_sheet.h"

#include "app/unit_context.h"
#include "app/unit_records.h"
#include "core/text_normalize.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace portal {

namespace {

// A header as compared: full-width forms folded, no spaces, no required-field marks.
std::string header_key(const std::string& header) {
    std::string key = foldFullWidth(header);
    for (const char* noise : {"(必填)", "(选填)", "*", " ", "\t"}) {
        for (size_t at = key.find(noise); at != std::string::npos; at = key.find(noise)) {
            key.erase(at, std::string(noise).size());
        }
    }
    return trimSpaces(key);
}

// Finds the column of each field in `header`; an error names a missing or repeated column.
Result<std::map<std::string, size_t>> match_header(const CsvRecord& header,
                                                   const std::vector<BatchColumn>& columns) {
    std::map<std::string, size_t> positions;
    for (size_t i = 0; i < header.cells.size(); ++i) {
        const std::string key = header_key(header.cells[i]);
        for (const BatchColumn& column : columns) {
            bool matches = key == header_key(column.title);
            for (const char* alias : column.aliases) {
                matches = matches || key == header_key(alias);
            }
            if (!matches) {
                continue;
            }
            if (positions.count(column.field) != 0) {
                return Error{"batch_header", std::string("表头中“") + column.title +
                                                 "”列出现了两次，请删除多余的一列"};
            }
            positions[column.field] = i;
        }
    }
    for (const BatchColumn& column : columns) {
        if (column.required && positions.count(column.field) == 0) {
            return Error{"batch_header", std::string("第") + std::to_string(header.row) +
                                             "行的表头缺少“" + column.title +
                                             "”列。请使用下载的模板，第一行保留模板的列名"};
        }
    }
    return positions;
}

bool all_digits(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(),
                                        [](unsigned char c) { return std::isdigit(c) != 0; });
}

// Splits `text` at any of the separators (ASCII or multi-byte UTF-8) into trimmed pieces.
std::vector<std::string> split_any(const std::string& text,
                                   const std::vector<std::string>& separators) {
    std::vector<std::string> pieces;
    std::string current;
    for (size_t i = 0; i < text.size();) {
        bool split = false;
        for (const std::string& separator : separators) {
            if (text.compare(i, separator.size(), separator) == 0) {
                pieces.push_back(trimSpaces(current));
                current.clear();
                i += separator.size();
                split = true;
                break;
            }
        }
        if (!split) {
            current.push_back(text[i++]);
        }
    }
    pieces.push_back(trimSpaces(current));
    pieces.erase(std::remove(pieces.begin(), pieces.end(), std::string()), pieces.end());
    return pieces;
}

// Splits a date-like cell into its numbers, e.g. "2026年1月10日" into 2026, 1, 10.
std::vector<int> date_numbers(const std::string& cell) {
    const std::string text = foldFullWidth(trimSpaces(strip_text_formula(cell)));
    std::vector<int> numbers;
    if (all_digits(text) && (text.size() == 6 || text.size() == 8)) {
        numbers.push_back(std::stoi(text.substr(0, 4)));
        numbers.push_back(std::stoi(text.substr(4, 2)));
        if (text.size() == 8) {
            numbers.push_back(std::stoi(text.substr(6, 2)));
        }
        return numbers;
    }
    for (const std::string& piece : split_any(text, {"-", "/", ".", "年", "月", "日"})) {
        if (!all_digits(piece) || piece.size() > 4) {
            return {};
        }
        numbers.push_back(std::stoi(piece));
    }
    return numbers;
}

} // namespace

const std::vector<BatchColumn>& batch_addition_columns() {
    static const std::vector<BatchColumn> columns = {
        {"name", "姓名", {}, true},
        {"idCardNumber", "证件号码", {"身份证号码", "身份证号", "公民身份号码"}, true},
        {"mobile", "手机号码", {"手机号", "联系电话"}, true},
        {"insuranceTypes", "参保险种", {"险种"}, true},
        {"startMonth", "参保开始年月", {"开始年月", "参保年月"}, true},
        {"contributionBase", "月缴费基数（元）", {"月缴费基数", "缴费基数"}, true},
        {"documentType", "证件类型", {}, false},
        {"ethnicity", "民族", {}, false},
        {"householdType", "户口性质", {}, false},
        {"employmentForm", "用工形式", {}, false},
        {"remark", "备注", {}, false},
    };
    return columns;
}

const std::vector<BatchColumn>& batch_removal_columns() {
    static const std::vector<BatchColumn> columns = {
        {"name", "姓名", {}, true},
        {"idCardNumber", "证件号码", {"身份证号码", "身份证号", "公民身份号码"}, true},
        {"insuranceTypes", "减员险种", {"参保险种", "险种"}, false},
        {"reason", "减员原因", {}, true},
        {"endMonth", "停保年月", {}, true},
        {"eventDate", "发生日期", {"减员原因发生日期"}, true},
    };
    return columns;
}

std::string SheetRow::cell(const std::string& field) const {
    auto it = cells.find(field);
    return it == cells.end() ? "" : trimSpaces(it->second);
}

Result<std::vector<SheetRow>> read_batch_sheet(const std::string& text,
                                               const std::vector<BatchColumn>& columns,
                                               const BatchLimits& limits) {
    if (text.size() > limits.max_bytes) {
        return Error{"batch_too_large", "文件超过" + std::to_string(limits.max_bytes / 1024) +
                                            "KB，请分成几个文件分别导入"};
    }
    if (findInvalidUtf8(text) != 0) {
        return Error{"batch_encoding",
                     "文件内容无法识别为文字，请在Excel中另存为“CSV（逗号分隔）”后重试"};
    }
    Result<std::vector<CsvRecord>> records = parse_csv(text);
    if (!records.ok()) {
        return records.error();
    }
    if (records.value().empty()) {
        return Error{"batch_empty", "文件是空的，请按模板填写后再导入"};
    }
    const CsvRecord& header = records.value().front();
    Result<std::map<std::string, size_t>> positions = match_header(header, columns);
    if (!positions.ok()) {
        return positions.error();
    }

    const size_t data_rows = records.value().size() - 1;
    if (data_rows == 0) {
        return Error{"batch_empty", "文件只有表头，没有人员数据，请填写后再导入"};
    }
    if (data_rows > limits.max_rows) {
        return Error{"batch_too_many_rows",
                     "文件有" + std::to_string(data_rows) + "行人员数据，每次最多导入" +
                         std::to_string(limits.max_rows) + "行，请分成几个文件分别导入"};
    }
    std::vector<SheetRow> rows;
    for (size_t i = 1; i < records.value().size(); ++i) {
        const CsvRecord& record = records.value()[i];
        SheetRow row;
        row.row = record.row;
        for (const auto& [field, position] : positions.value()) {
            if (position < record.cells.size()) {
                row.cells[field] = record.cells[position];
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string describe_mangled_id_card(const std::string& cell) {
    const std::string text = foldFullWidth(trimSpaces(cell));
    const size_t exponent = text.find_first_of("eE");
    const bool scientific = exponent != std::string::npos && exponent > 0 &&
                            std::isdigit(static_cast<unsigned char>(text[0])) != 0 &&
                            text.find_first_not_of("0123456789.", 0) == exponent &&
                            all_digits(text.substr(exponent + (text[exponent + 1] == '+' ? 2 : 1)));
    const std::string advice = "请在Excel中把证件号码列设置为“文本”格式，重新输入完整号码后再导入";
    if (scientific) {
        return "证件号码“" + text + "”被Excel转成了科学计数法，后几位数字已经丢失。" + advice;
    }
    // Excel keeps 15 significant digits of a number, so an 18-digit number typed into a
    // General cell is stored with its last three digits as zeros.
    if (text.size() == 18 && all_digits(text) && text.compare(15, 3, "000") == 0) {
        return "证件号码“" + text + "”的末几位变成了0，是Excel把它当作数字保存时丢失的。" + advice;
    }
    return "";
}

std::optional<std::string> parse_sheet_month(const std::string& cell) {
    const std::vector<int> numbers = date_numbers(cell);
    if (numbers.size() < 2 || numbers.size() > 3 || numbers[0] < 1900 || numbers[0] > 9999 ||
        numbers[1] < 1 || numbers[1] > 12) {
        return std::nullopt;
    }
    return format_month(numbers[0], numbers[1]);
}

std::optional<std::string> parse_sheet_date(const std::string& cell) {
    const std::vector<int> numbers = date_numbers(cell);
    if (numbers.size() != 3) {
        return std::nullopt;
    }
    const CalendarDate date{numbers[0], numbers[1], numbers[2]};
    if (date.year < 1900 || date.year > 9999 || !isValidDate(date)) {
        return std::nullopt;
    }
    return formatDate(date);
}

Result<std::vector<std::string>> parse_sheet_insurance_types(const std::string& cell) {
    bool ticked[3] = {false, false, false};
    for (std::string name : split_any(foldFullWidth(cell), {"、", ",", ";", "/", " ", "+"})) {
        const size_t suffix = name.rfind("保险");
        if (suffix != std::string::npos && suffix + std::string("保险").size() == name.size()) {
            name.erase(suffix);
        }
        if (name == "企业养老" || name == "养老" || name == "企业职工基本养老") {
            ticked[0] = true;
        } else if (name == "工伤") {
            ticked[1] = true;
        } else if (name == "失业") {
            ticked[2] = true;
        } else {
            return Error{"batch_insurance_type",
                         "险种“" + name +
                             "”无法识别，应为企业养老、工伤、失业，多个险种用“、”分隔"};
        }
    }
    std::vector<std::string> types;
    for (size_t i = 0; i < 3; ++i) {
        if (ticked[i]) {
            types.push_back(kInsuranceTypes[i]);
        }
    }
    return types;
}

} // namespace portal
