#include "core/id_card.h"

#include "core/administrative_division.h"
#include "core/text_normalize.h"

#include <array>

namespace portal {
namespace {

constexpr std::size_t kLength = 18;
constexpr std::size_t kLegacyLength = 15;

// Weight of position i (1-based) is 2^(18-i) mod 11 (ISO 7064 MOD 11-2).
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

// Check character for each value of the weighted sum mod 11.
constexpr std::string_view kCheckCharacters = "10X98765432";

// Returns the check character for the weighted sum of the first 17 digits.
char checkCharacterOfSum(int sum) {
    return kCheckCharacters[static_cast<std::size_t>(sum % 11)];
}

// A birth more than this many years before today is probably a typing error.
constexpr int kImplausibleAge = 120;

bool isDigit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

bool isAsciiLetter(char32_t c) {
    return c >= U'A' && c <= U'Z';
}

int parseDigits(std::string_view digits) {
    int value = 0;
    for (char c : digits) {
        value = value * 10 + (c - '0');
    }
    return value;
}

// The legacy foreigner's card has three nationality letters followed by twelve digits.
bool looksLikeLegacyForeignCard(const std::string& number) {
    return number.size() == kLegacyLength && isAsciiLetter(static_cast<unsigned char>(number[0])) &&
           isAsciiLetter(static_cast<unsigned char>(number[1])) &&
           isAsciiLetter(static_cast<unsigned char>(number[2]));
}

// Blocks on the first character that is not a digit, allowing X only as the 18th of 18.
// Returns false if one was found.
bool checkCharacters(const std::string& number, std::size_t firstChecked, IdCardVerdict& verdict) {
    const std::size_t length = countCodePoints(number);
    std::size_t offset = 0;
    std::size_t position = 0;
    bool wellFormed = true;
    while (offset < number.size()) {
        const char32_t c = decodeCodePoint(number, offset, wellFormed);
        ++position;
        if (position < firstChecked || isDigit(c)) {
            continue;
        }
        if (c == U'X' && position == kLength && length == kLength) {
            continue;
        }

        std::string message = "第" + std::to_string(position) + "位的" + describeCharacter(c);
        message += c == U'X' ? "只能出现在第18位（校验码）"
                             : "不是数字，证件号码只能由数字和末位的 X 组成";
        verdict.block("invalid_character", message, position);
        return false;
    }
    return true;
}

void blockWrongLength(std::size_t length, IdCardVerdict& verdict) {
    verdict.block("wrong_length",
                  "身份证号码应为18位（或15位旧号码），当前为" + std::to_string(length) + "位");
}

// Reads the birth date at 1-based `position` (YYYYMMDD) and checks it against `today`.
void checkBirthDate(const std::string& number, std::size_t position, const CalendarDate& today,
                    IdCardVerdict& verdict) {
    const std::string_view digits = std::string_view(number).substr(position - 1, 8);
    const CalendarDate birth{parseDigits(digits.substr(0, 4)), parseDigits(digits.substr(4, 2)),
                             parseDigits(digits.substr(6, 2))};
    // Built only for a finding, because a valid date is the common case.
    const auto range = [position] {
        return "第" + std::to_string(position) + "-" + std::to_string(position + 7) + "位";
    };

    if (!isValidDate(birth)) {
        verdict.block("invalid_birth_date",
                      range() + "出生日期“" + std::string(digits) + "”不是有效日期", position);
        return;
    }
    if (today < birth) {
        verdict.block("birth_date_in_future",
                      range() + "出生日期 " + formatDate(birth) + " 晚于今天，请核对", position);
        return;
    }
    verdict.details.birthDate = birth;
    if (wholeYearsBetween(birth, today) > kImplausibleAge) {
        verdict.warn("birth_date_implausible",
                     range() + "出生日期 " + formatDate(birth) + " 距今超过" +
                         std::to_string(kImplausibleAge) + "年，请核对",
                     position);
    }
}

void readSex(const std::string& number, IdCardVerdict& verdict) {
    verdict.details.sex = (number[16] - '0') % 2 == 1 ? Sex::male : Sex::female;
}

// Checks position 18 against `expected`, the check character of positions 1-17.
void checkCheckCharacter(const std::string& number, char expected, IdCardVerdict& verdict) {
    if (expected != number[17]) {
        verdict.block("check_character_mismatch",
                      "第18位校验码应为 " + std::string(1, expected) + "，实际为 " +
                          std::string(1, number[17]) + "，请核对号码是否输错",
                      18);
    }
}

// Checks the administrative division of a citizen's number (positions 1-6).
void checkResidentDivision(const std::string& number, IdCardVerdict& verdict) {
    const std::string_view division = std::string_view(number).substr(0, 6);
    const DivisionInfo info = lookupDivision(division);
    info.assignFullName(verdict.details.divisionName);
    if (!info.provinceKnown) {
        verdict.block("unknown_province",
                      "第1-2位“" + std::string(division.substr(0, 2)) +
                          "”不是有效的省级行政区划代码",
                      1);
        return;
    }

    // Limitation: only Fujian's prefectures and counties are listed, so numbers from other
    // provinces are checked to the province level.
    if (!info.lowerLevelsListed) {
        return;
    }
    if (!info.prefectureKnown) {
        verdict.warn("unknown_prefecture",
                     "第3-4位“" + std::string(division.substr(2, 2)) + "”不是" +
                         std::string(info.provinceName) + "的地级行政区划代码，请核对",
                     3);
        return;
    }
    if (!info.countyKnown) {
        verdict.warn("unknown_county",
                     "第5-6位“" + std::string(division.substr(4, 2)) + "”不是" +
                         std::string(info.provinceName) + std::string(info.prefectureName) +
                         "已知的县级行政区划代码，请核对",
                     5);
    }
}

// Checks the first six digits of a residence permit: 810000, 820000 or 830000.
void checkPermitPrefix(const std::string& number, IdCardVerdict& verdict) {
    assignNonOverlapping(verdict.details.divisionName,
                         provinceName(std::string_view(number).substr(0, 2)));
    if (number.compare(2, 4, "0000") != 0) {
        verdict.block(
            "invalid_division_code",
            "港澳台居民居住证号码的前6位应为 " + number.substr(0, 2) + "0000，第3-6位应为 0000", 3);
    }
}

// Checks the province of the accepting office of a foreigner's card (positions 2-3).
void checkForeignCardProvince(const std::string& number, IdCardVerdict& verdict) {
    const std::string_view province = std::string_view(number).substr(1, 2);
    assignNonOverlapping(verdict.details.divisionName, provinceName(province));
    if (verdict.details.divisionName.empty()) {
        verdict.block("unknown_province",
                      "第2-3位受理地代码“" + std::string(province) +
                          "”不是有效的省级行政区划代码",
                      2);
    }
}

void validateLegacyForeignCard(IdCardVerdict& verdict) {
    verdict.details.kind = IdCardKind::foreign_permanent_residence_legacy;
    // Limitation: the digits of this format are not decoded, so birth date and sex stay
    // unknown and the form must collect them from the user.
    checkCharacters(verdict.normalized, 4, verdict);
}

bool isResidencePermit(IdCardKind kind) {
    return kind == IdCardKind::hong_kong_residence_permit ||
           kind == IdCardKind::macao_residence_permit ||
           kind == IdCardKind::taiwan_residence_permit;
}

IdCardKind classifyEighteenDigits(const std::string& number) {
    // The foreigner's card of 2023 starts with 9, which no province code does.
    if (number[0] == '9') {
        return IdCardKind::foreign_permanent_residence;
    }
    const std::string_view prefix = std::string_view(number).substr(0, 2);
    if (prefix == "81") {
        return IdCardKind::hong_kong_residence_permit;
    }
    if (prefix == "82") {
        return IdCardKind::macao_residence_permit;
    }
    if (prefix == "83") {
        return IdCardKind::taiwan_residence_permit;
    }
    return IdCardKind::resident;
}

// Validates an 18-digit number of the given kind: all kinds share the birth date at 7-14, the
// sex digit at 17 and the check character at 18, which must be `expectedCheckCharacter`.
void validateEighteenDigits(IdCardKind kind, char expectedCheckCharacter, const CalendarDate& today,
                            IdCardVerdict& verdict) {
    const std::string& number = verdict.normalized;
    verdict.details.kind = kind;
    switch (kind) {
    case IdCardKind::foreign_permanent_residence:
        // 9, accepting province (2), nationality (3), then birth date, sequence and check.
        // NOTE: this layout of positions 2-14 is taken from the 2023 format's description but
        // has not been checked against issued cards, and an unknown province blocks.
        checkForeignCardProvince(number, verdict);
        break;
    case IdCardKind::hong_kong_residence_permit:
    case IdCardKind::macao_residence_permit:
    case IdCardKind::taiwan_residence_permit:
        checkPermitPrefix(number, verdict);
        break;
    default:
        checkResidentDivision(number, verdict);
        break;
    }

    checkBirthDate(number, 7, today, verdict);
    readSex(number, verdict);
    checkCheckCharacter(number, expectedCheckCharacter, verdict);
}

// Resets the details for the next value, keeping the memory of the division name.
void clearDetails(IdCardDetails& details) {
    details.kind = IdCardKind::unknown;
    details.convertedFromLegacy = false;
    details.birthDate.reset();
    details.sex = Sex::unknown;
    details.divisionName.clear();
}

// Writes an input of exactly 17 ASCII digits followed by a digit, X or x into `normalized`,
// with the x upper-cased, and sets `checkSum` to the weighted sum of the first 17 digits.
// Returns false for any other input, which needs the general normalisation and checks.
// Normalising such an input would only upper-case the x, and it passes the character and
// length checks, so the result is the same. The sum is taken here, where the digits are at
// hand, to save a second pass over the number.
bool normalizePlainNumber(std::string_view input, std::string& normalized, int& checkSum) {
    if (input.size() != kLength) {
        return false;
    }
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) {
        if (!isDigit(static_cast<unsigned char>(input[i]))) {
            return false;
        }
        sum += (input[i] - '0') * kWeights[i];
    }
    checkSum = sum;
    const char last = input[kLength - 1];
    if (!isDigit(static_cast<unsigned char>(last)) && last != 'X' && last != 'x') {
        return false;
    }
    normalized.assign(input);
    normalized[kLength - 1] = last == 'x' ? 'X' : last;
    return true;
}

} // namespace

char computeIdCardCheckCharacter(std::string_view first17) {
    if (first17.size() != kWeights.size()) {
        return '\0';
    }
    // The digit test is folded into one flag, so that the loop has no branch per digit.
    int sum = 0;
    bool allDigits = true;
    for (std::size_t i = 0; i < kWeights.size(); ++i) {
        const int digit = first17[i] - '0';
        allDigits &= digit >= 0 && digit <= 9;
        sum += digit * kWeights[i];
    }
    if (!allDigits) {
        return '\0';
    }
    return checkCharacterOfSum(sum);
}

std::string convertLegacyIdCardNumber(std::string_view legacy) {
    if (legacy.size() != kLegacyLength) {
        return {};
    }
    for (char c : legacy) {
        if (!isDigit(static_cast<unsigned char>(c))) {
            return {};
        }
    }
    // 15-digit numbers were issued before 1999 to people born in the 1900s, so the century
    // is always 19.
    std::string converted = std::string(legacy.substr(0, 6)) + "19" + std::string(legacy.substr(6));
    converted += computeIdCardCheckCharacter(converted);
    return converted;
}

std::string_view idCardKindName(IdCardKind kind) {
    switch (kind) {
    case IdCardKind::resident:
        return "居民身份证";
    case IdCardKind::hong_kong_residence_permit:
    case IdCardKind::macao_residence_permit:
        return "港澳居民居住证";
    case IdCardKind::taiwan_residence_permit:
        return "台湾居民居住证";
    case IdCardKind::foreign_permanent_residence:
    case IdCardKind::foreign_permanent_residence_legacy:
        return "外国人永久居留身份证";
    case IdCardKind::unknown:
        break;
    }
    return "未知证件";
}

IdCardVerdict validateIdCardNumber(std::string_view input, const CalendarDate& today) {
    IdCardVerdict verdict;
    validateIdCardNumber(input, today, verdict);
    return verdict;
}

void validateIdCardNumber(std::string_view input, const CalendarDate& today,
                          IdCardVerdict& verdict) {
    clearDetails(verdict.details);
    verdict.findings.clear();
    int checkSum = 0;
    if (normalizePlainNumber(input, verdict.normalized, checkSum)) {
        validateEighteenDigits(classifyEighteenDigits(verdict.normalized),
                               checkCharacterOfSum(checkSum), today, verdict);
        return;
    }

    normalizeIdentifier(input, LetterCase::upper, verdict);
    if (verdict.isBlocked()) {
        return;
    }
    if (verdict.normalized.empty()) {
        verdict.block("empty", "请输入证件号码");
        return;
    }

    if (looksLikeLegacyForeignCard(verdict.normalized)) {
        validateLegacyForeignCard(verdict);
        return;
    }

    const std::size_t length = countCodePoints(verdict.normalized);
    if (!checkCharacters(verdict.normalized, 1, verdict)) {
        if (length != kLength && length != kLegacyLength) {
            blockWrongLength(length, verdict);
        }
        return;
    }

    // After the character check every character is one ASCII byte.
    if (length == kLegacyLength) {
        const std::string legacy = verdict.normalized;
        verdict.normalized = convertLegacyIdCardNumber(legacy);
        verdict.details.convertedFromLegacy = true;
        verdict.warn("legacy_number_converted",
                     "15位旧号码已按规则转换为18位号码 " + verdict.normalized + "，请核对");
        // Only mainland residents had 15-digit numbers. The permits' prefixes must not pass
        // here as provinces, because the 18-digit form would then be judged as a permit.
        if (isResidencePermit(classifyEighteenDigits(verdict.normalized))) {
            verdict.details.kind = IdCardKind::resident;
            verdict.block("unknown_province",
                          "第1-2位“" + legacy.substr(0, 2) +
                              "”是港澳台居民居住证的代码，15位旧号码只属于内地居民，请核对",
                          1);
            return;
        }
        // The conversion computed the check character, so the number's own is the expected one.
        validateEighteenDigits(IdCardKind::resident, verdict.normalized[kLength - 1], today,
                               verdict);
        return;
    }
    if (length != kLength) {
        blockWrongLength(length, verdict);
        return;
    }

    validateEighteenDigits(
        classifyEighteenDigits(verdict.normalized),
        computeIdCardCheckCharacter(std::string_view(verdict.normalized).substr(0, kLength - 1)),
        today, verdict);
}

} // namespace portal
