// Reading a 批量增员 / 批量减员 spreadsheet: the columns each kind needs, the header row matched
// by Chinese column names in any order, and the cell formats Excel produces for months, dates
// and insurance types. Nothing here talks to the server.
#pragma once

#include "app/csv.h"
#include "core/result.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace portal {

// Limits of one imported file. One file is one agent's batch, typed by hand or exported from a
// payroll system. A unit with more people splits the list into several files.
struct BatchLimits {
    std::size_t max_rows = 2000;
    std::size_t max_bytes = 1024 * 1024;
};

// A column of an import file.
struct BatchColumn {
    const char* field;                // the contract's field name, e.g. "idCardNumber"
    const char* title;                // the template's header, e.g. "证件号码"
    std::vector<const char*> aliases; // other headers accepted for the column
    bool required;
};

// The columns of a staff-addition and a staff-removal file, in template order.
const std::vector<BatchColumn>& batch_addition_columns();
const std::vector<BatchColumn>& batch_removal_columns();

// One data row of an import file: its row number in the file and its cells by field name.
struct SheetRow {
    std::size_t row = 0;
    std::map<std::string, std::string> cells;

    // The trimmed cell of `field`; empty when the column is absent or the cell blank.
    std::string cell(const std::string& field) const;
};

// Parses `text` (UTF-8) into data rows. The first non-blank row is the header: required
// columns must be present, unknown columns are ignored. Errors name the problem in Chinese:
// an empty file, a missing or repeated column, no data rows, too many rows or bytes.
Result<std::vector<SheetRow>> read_batch_sheet(const std::string& text,
                                               const std::vector<BatchColumn>& columns,
                                               const BatchLimits& limits);

// Explains an ID-card cell that Excel turned into a number: scientific notation such as
// "3.50102E+17", or 18 digits whose last ones became zeros. Empty for any other cell.
std::string describe_mangled_id_card(const std::string& cell);

// A month typed or converted by Excel ("2026-01", "2026/1", "2026/1/1", "2026年1月", "202601")
// as "YYYY-MM", or nullopt for any other text.
std::optional<std::string> parse_sheet_month(const std::string& cell);

// A date ("2026-01-10", "2026/1/10", "2026年1月10日", "20260110") as "YYYY-MM-DD", or nullopt
// for any other text.
std::optional<std::string> parse_sheet_date(const std::string& cell);

// The insurance types of a cell such as "企业养老、工伤" as wire names in contract order.
// Names may carry 保险 and be separated by 、，,；; / or spaces. An unknown name is an error.
Result<std::vector<std::string>> parse_sheet_insurance_types(const std::string& cell);

} // namespace portal
