// Checks credit codes, ID-card numbers and mobile numbers from the command line with the same
// validators as the portal, and prints one JSON line per value.
//
//   check_values [--phone-table FILE] [--today YYYY-MM-DD] credit-code|id-card|phone [VALUE...]
//
// Without VALUE arguments the values are read from standard input, one per line (a trailing
// CR is dropped, an empty line is the empty value). Every output line has "input", "kind",
// "verdict" (block, warn or ok), "normalized" and "findings" (severity, code, message,
// position). Lines add "region" when the value names one, "birthDate" and "sex" for ID-card
// numbers, and "province" and "city" for mobile numbers that the prefix table places.
//
// Exit status: 0 when every value was checked, blocked ones included; 1 when the prefix table
// cannot be read; 2 on a usage error.
#include "core/calendar_date.h"
#include "core/credit_code.h"
#include "core/id_card.h"
#include "core/mobile.h"
#include "core/mobile_regions.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

// Keys keep the order they are written in, so every line starts with input, kind and verdict.
using json = nlohmann::ordered_json;
using portal::CalendarDate;

#ifndef PORTAL_PHONE_TABLE
#define PORTAL_PHONE_TABLE "build/generated/phone_prefixes.bin"
#endif

constexpr const char* kUsage =
    "usage: check_values [--phone-table FILE] [--today YYYY-MM-DD] KIND [VALUE...]\n"
    "  KIND           credit-code, id-card or phone\n"
    "  VALUE          a value to check; without any, values are read from standard input,\n"
    "                 one per line\n"
    "  --phone-table  mobile prefix table for the Fujian rule of phone numbers\n"
    "                 (default " PORTAL_PHONE_TABLE ")\n"
    "  --today        date that ID-card birth dates are judged against (default: today, local\n"
    "                 time)\n"
    "Prints one JSON line per value. Exit status 0 even for blocked values, 1 if the prefix\n"
    "table cannot be read, 2 on a usage error.\n";

enum class Kind { credit_code, id_card, phone };

struct Options {
    Kind kind = Kind::credit_code;
    std::string kindName;
    std::string phoneTablePath = PORTAL_PHONE_TABLE;
    std::optional<CalendarDate> today;
    std::vector<std::string> values;
};

std::optional<Kind> parseKind(std::string_view name) {
    if (name == "credit-code") {
        return Kind::credit_code;
    }
    if (name == "id-card") {
        return Kind::id_card;
    }
    if (name == "phone") {
        return Kind::phone;
    }
    return std::nullopt;
}

std::optional<CalendarDate> parseIsoDate(const std::string& text) {
    CalendarDate date;
    char extra = 0;
    if (text.size() != 10 ||
        std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &date.year, &date.month, &date.day, &extra) !=
            3 ||
        !portal::isValidDate(date)) {
        return std::nullopt;
    }
    return date;
}

CalendarDate localToday() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

// Parses the arguments into `options`. Returns an error message for a usage error, or an
// empty string.
std::string parseArguments(int argc, char** argv, Options& options) {
    int index = 1;
    for (; index < argc; ++index) {
        const std::string_view argument = argv[index];
        if (argument.empty() || argument[0] != '-') {
            break;
        }
        if (index + 1 >= argc) {
            return "option " + std::string(argument) + " requires a value";
        }
        const std::string value = argv[++index];
        if (argument == "--phone-table") {
            options.phoneTablePath = value;
        } else if (argument == "--today") {
            options.today = parseIsoDate(value);
            if (!options.today) {
                return "invalid --today value \"" + value + "\": expected a date as YYYY-MM-DD";
            }
        } else {
            return "unknown option " + std::string(argument);
        }
    }

    if (index >= argc) {
        return "missing KIND";
    }
    options.kindName = argv[index];
    const std::optional<Kind> kind = parseKind(options.kindName);
    if (!kind) {
        return "unknown KIND \"" + options.kindName + "\": expected credit-code, id-card or phone";
    }
    options.kind = *kind;
    for (++index; index < argc; ++index) {
        options.values.emplace_back(argv[index]);
    }
    return {};
}

const char* verdictName(const portal::Verdict& verdict) {
    if (verdict.isBlocked()) {
        return "block";
    }
    return verdict.hasWarnings() ? "warn" : "ok";
}

json describeVerdict(const std::string& input, const std::string& kindName,
                     const portal::Verdict& verdict) {
    json findings = json::array();
    for (const portal::Finding& finding : verdict.findings) {
        findings.push_back({
            {"severity", finding.severity == portal::Severity::block ? "block" : "warn"},
            {"code", finding.code},
            {"message", finding.message},
            {"position", finding.position},
        });
    }
    return {{"input", input},
            {"kind", kindName},
            {"verdict", verdictName(verdict)},
            {"normalized", verdict.normalized},
            {"findings", std::move(findings)}};
}

void addIfKnown(json& line, const char* key, const std::string& value) {
    if (!value.empty()) {
        line[key] = value;
    }
}

const char* sexName(portal::Sex sex) {
    switch (sex) {
    case portal::Sex::male:
        return "male";
    case portal::Sex::female:
        return "female";
    case portal::Sex::unknown:
        break;
    }
    return nullptr;
}

json checkValue(const Options& options, const std::string& input, const CalendarDate& today,
                const portal::PrefixTableRegionLookup& phoneTable) {
    switch (options.kind) {
    case Kind::credit_code: {
        const portal::CreditCodeVerdict verdict = portal::validateCreditCode(input);
        json line = describeVerdict(input, options.kindName, verdict);
        addIfKnown(line, "region", verdict.details.divisionName);
        return line;
    }
    case Kind::id_card: {
        const portal::IdCardVerdict verdict = portal::validateIdCardNumber(input, today);
        json line = describeVerdict(input, options.kindName, verdict);
        addIfKnown(line, "region", verdict.details.divisionName);
        if (verdict.details.birthDate) {
            line["birthDate"] = portal::formatDate(*verdict.details.birthDate);
        }
        if (const char* sex = sexName(verdict.details.sex)) {
            line["sex"] = sex;
        }
        return line;
    }
    case Kind::phone: {
        const portal::MobileVerdict verdict = portal::validateMobileNumberForSms(input, phoneTable);
        json line = describeVerdict(input, options.kindName, verdict);
        addIfKnown(line, "region", verdict.region.province + verdict.region.city);
        addIfKnown(line, "province", verdict.region.province);
        addIfKnown(line, "city", verdict.region.city);
        return line;
    }
    }
    return {};
}

// Writes one JSON line. Input bytes that are not UTF-8 are written as U+FFFD.
void printLine(const json& line) {
    std::cout << line.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
        std::cout << kUsage;
        return 0;
    }
    Options options;
    const std::string usageError = parseArguments(argc, argv, options);
    if (!usageError.empty()) {
        std::cerr << "check_values: " << usageError << '\n' << kUsage;
        return 2;
    }

    portal::PrefixTableRegionLookup phoneTable;
    if (options.kind == Kind::phone) {
        std::ifstream file(options.phoneTablePath, std::ios::binary);
        if (!file) {
            std::cerr << "check_values: cannot read the prefix table " << options.phoneTablePath
                      << ": generate it with tools/build.sh native or pass --phone-table FILE\n";
            return 1;
        }
        std::ostringstream bytes;
        bytes << file.rdbuf();
        portal::Result<portal::PrefixTableRegionLookup> parsed =
            portal::PrefixTableRegionLookup::parse(bytes.str());
        if (!parsed.ok()) {
            std::cerr << "check_values: invalid prefix table " << options.phoneTablePath << ": "
                      << parsed.error().message << '\n';
            return 1;
        }
        phoneTable = std::move(parsed).value();
    }

    const CalendarDate today = options.today.value_or(localToday());
    if (!options.values.empty()) {
        for (const std::string& value : options.values) {
            printLine(checkValue(options, value, today, phoneTable));
        }
        return 0;
    }
    std::string line;
    while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        printLine(checkValue(options, line, today, phoneTable));
    }
    return 0;
}
