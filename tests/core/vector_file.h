// Reader for the tab-separated validation vectors in tests/vectors (format in its README.md).
#pragma once

#include "core/validation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace portal::test {

// One data line of a vector file, by column name.
struct VectorRow {
    std::size_t line = 0;
    std::map<std::string, std::string> fields;

    // Returns the field, with "-" read as empty except in the value column.
    std::string get(const std::string& column) const {
        const auto found = fields.find(column);
        if (found == fields.end()) {
            return "<missing column " + column + ">";
        }
        return column != "value" && found->second == "-" ? std::string() : found->second;
    }
};

inline std::vector<std::string> splitFields(const std::string& line, char separator) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream stream(line);
    while (std::getline(stream, field, separator)) {
        fields.push_back(field);
    }
    if (!line.empty() && line.back() == separator) {
        fields.emplace_back();
    }
    return fields;
}

// Reads PORTAL_VECTORS_DIR/name. Returns no rows if the file is missing, so a test should
// also assert that rows were read.
inline std::vector<VectorRow> readVectorFile(const std::string& name) {
    std::ifstream file(std::string(PORTAL_VECTORS_DIR) + "/" + name);
    std::vector<VectorRow> rows;
    std::string line;
    if (!std::getline(file, line)) {
        return rows;
    }
    const std::vector<std::string> header = splitFields(line, '\t');

    std::size_t lineNumber = 1;
    while (std::getline(file, line)) {
        ++lineNumber;
        if (line.empty()) {
            continue;
        }
        const std::vector<std::string> values = splitFields(line, '\t');
        VectorRow row;
        row.line = lineNumber;
        for (std::size_t i = 0; i < header.size(); ++i) {
            row.fields[header[i]] = i < values.size() ? values[i] : std::string();
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// Returns "ok", "warn" or "block" for a verdict, as the vector files write it.
inline std::string verdictName(const Verdict& verdict) {
    if (verdict.isBlocked()) {
        return "block";
    }
    return verdict.hasWarnings() ? "warn" : "ok";
}

// Returns the finding codes sorted, for comparison with the findings column.
inline std::vector<std::string> findingCodes(const Verdict& verdict) {
    std::vector<std::string> codes;
    for (const Finding& finding : verdict.findings) {
        codes.push_back(finding.code);
    }
    std::sort(codes.begin(), codes.end());
    return codes;
}

// Returns the codes of a findings column sorted.
inline std::vector<std::string> expectedCodes(const std::string& column) {
    std::vector<std::string> codes =
        column.empty() ? std::vector<std::string>() : splitFields(column, ',');
    std::sort(codes.begin(), codes.end());
    return codes;
}

// Returns the normalized value and every finding in order (severity, code, position and
// message), one per line, so that two verdicts can be compared whole.
inline std::string describeVerdict(const Verdict& verdict) {
    std::string text = "normalized: " + verdict.normalized + "\n";
    for (const Finding& finding : verdict.findings) {
        text += finding.severity == Severity::block ? "block " : "warn ";
        text += finding.code + " " + std::to_string(finding.position) + " " + finding.message;
        text += "\n";
    }
    return text;
}

// Expects `validate` to return the same verdict for `input` as typed and followed by a no-break
// space, which sends it through the general normalisation. `describeDetails` formats the
// verdict's details, so that they are compared too.
template <typename Validate, typename DescribeDetails>
void expectSameVerdictAfterNoBreakSpace(const std::string& input, Validate validate,
                                        DescribeDetails describeDetails) {
    const auto plain = validate(input);
    const auto padded = validate(input + "\u00A0");
    EXPECT_EQ(describeVerdict(plain) + describeDetails(plain),
              describeVerdict(padded) + describeDetails(padded))
        << input;
}

} // namespace portal::test
