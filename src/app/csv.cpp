#include "app/csv.h"

#include <algorithm>

namespace portal {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool blank(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const std::string& cell) {
        return cell.find_first_not_of(" \t") == std::string::npos;
    });
}

// The state of parse_csv between characters.
struct CsvReader {
    std::vector<CsvRecord> records;
    CsvRecord current;
    std::string cell;
    std::size_t row = 1;
    bool quoted = false;     // inside a quoted cell
    bool was_quoted = false; // the current cell began with a quote

    void end_cell() {
        current.cells.push_back(std::move(cell));
        cell.clear();
        was_quoted = false;
    }

    void end_record() {
        end_cell();
        if (!blank(current.cells)) {
            current.row = row;
            records.push_back(std::move(current));
        }
        current = {};
        ++row;
    }
};

} // namespace

Result<std::vector<CsvRecord>> parse_csv(std::string_view text) {
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
        text.remove_prefix(kByteOrderMark.size());
    }
    CsvReader reader;
    std::size_t quote_row = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (reader.quoted) {
            if (c != '"') {
                reader.cell.push_back(c);
            } else if (i + 1 < text.size() && text[i + 1] == '"') {
                reader.cell.push_back('"');
                ++i;
            } else {
                reader.quoted = false;
            }
            continue;
        }
        if (c == '"' && reader.cell.empty() && !reader.was_quoted) {
            reader.quoted = true;
            reader.was_quoted = true;
            quote_row = reader.row;
        } else if (c == ',') {
            reader.end_cell();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            reader.end_record();
        } else {
            // Text after a closing quote is kept, as Excel does, rather than rejected.
            reader.cell.push_back(c);
        }
    }
    if (reader.quoted) {
        return Error{"csv_open_quote",
                     "第" + std::to_string(quote_row) +
                         "行有一个没有配对的英文双引号，请检查该行内容后重新导入"};
    }
    if (!reader.cell.empty() || !reader.current.cells.empty()) {
        reader.end_record();
    }
    return std::move(reader.records);
}

std::string strip_text_formula(const std::string& cell) {
    if (cell.size() >= 3 && cell.compare(0, 2, "=\"") == 0 && cell.back() == '"') {
        return cell.substr(2, cell.size() - 3);
    }
    return cell;
}

CsvWriter::CsvWriter() : out_(kByteOrderMark) {}

void CsvWriter::separate() {
    if (row_started_) {
        out_.push_back(',');
    }
    row_started_ = true;
}

CsvWriter& CsvWriter::text(const std::string& value) {
    separate();
    std::string cell = value;
    if (!cell.empty() && std::string_view("=+-@").find(cell.front()) != std::string_view::npos) {
        cell.insert(0, "'");
    }
    out_.push_back('"');
    for (char c : cell) {
        if (c == '"') {
            out_.push_back('"');
        }
        out_.push_back(c);
    }
    out_.push_back('"');
    return *this;
}

CsvWriter& CsvWriter::number_text(const std::string& value) {
    if (value.find_first_of("\",\r\n") != std::string::npos) {
        return text(value);
    }
    separate();
    out_ += "=\"" + value + "\"";
    return *this;
}

CsvWriter& CsvWriter::end_row() {
    out_ += "\r\n";
    row_started_ = false;
    return *this;
}

} // namespace portal
