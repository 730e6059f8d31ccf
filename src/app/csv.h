// Comma-separated values as spreadsheet programs write and read them (RFC 4180): reading the
// files agents export from Excel or WPS, and writing files that Excel opens in Chinese.
#pragma once

#include "core/result.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace portal {

// One record of a CSV file. `row` is its 1-based number as a spreadsheet shows it: blank lines
// count, and a quoted cell that spans several lines stays one row.
struct CsvRecord {
    std::size_t row = 0;
    std::vector<std::string> cells;
};

// Splits UTF-8 `text` into records. Accepts CRLF, LF and CR line ends, a leading byte-order
// mark, quoted cells with doubled quotes and line breaks inside, and drops blank records. A
// quote left open at the end of the file is an error that names the row it opened in.
Result<std::vector<CsvRecord>> parse_csv(std::string_view text);

// Returns `cell` without the ="..." wrapper that keeps a number as text in Excel.
std::string strip_text_formula(const std::string& cell);

// Builds a CSV file for Excel: a UTF-8 byte-order mark (without it Excel reads the file in the
// system's ANSI code page and shows Chinese as mojibake), CRLF line ends and quoted cells.
class CsvWriter {
public:
    CsvWriter();

    // Appends a cell of text. Text starting with = + - or @ gets a leading apostrophe, so that
    // Excel never runs a name or remark as a formula (CSV injection).
    CsvWriter& text(const std::string& value);

    // Appends a cell of digits that Excel must keep as text: an ID-card or mobile number. It is
    // written as ="...", a formula whose value is the text itself. A leading tab would keep the
    // digits too, but it stays in the value, so a re-saved file would carry it along.
    CsvWriter& number_text(const std::string& value);

    // Ends the current row.
    CsvWriter& end_row();

    const std::string& contents() const { return out_; }

private:
    void separate();

    std::string out_;
    bool row_started_ = false;
};

} // namespace portal
