#include "core/credit_code.h"

#include "core/administrative_division.h"
#include "core/text_normalize.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string>

namespace portal {
namespace {

constexpr std::size_t kCreditCodeLength = 18;

// GB 32100-2015 character set: digits and upper-case letters without I, O, Z, S and V, which
// are too easily read as 1, 0, 2, 5 and U. A character's value is its index here.
constexpr std::string_view kCharacterSet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// Weight of position i (1-based) is 3^(i-1) mod 31, as GB 32100-2015 defines it.
constexpr std::array<int, 17> kCreditCodeWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                    29, 25, 13, 8,  24, 10, 30, 28};

// The weights above and 0 for position 18, so that a loop over all 18 characters can sum them.
constexpr std::array<int, kCreditCodeLength> makePlainCodeWeights() {
    std::array<int, kCreditCodeLength> weights{};
    for (std::size_t i = 0; i < kCreditCodeWeights.size(); ++i) {
        weights[i] = kCreditCodeWeights[i];
    }
    return weights;
}

constexpr std::array<int, kCreditCodeLength> kPlainCodeWeights = makePlainCodeWeights();

// GB 11714 weights of the eight body characters of an organisation code.
constexpr std::array<int, 8> kOrganizationCodeWeights = {3, 7, 9, 10, 5, 8, 4, 2};

struct RegistrationAuthority {
    char code;
    std::string_view name;
};

struct OrganizationType {
    char authority;
    char code;
    std::string_view name;
};

// Registration authorities (position 1) and the organisation types (position 2) that each may
// assign, from the GB 32100-2015 code table including the authorities assigned after 2015.
// NOTE: compiled from published implementations of the table, not from the standard's text,
// which is one reason an unlisted pair only warns.
constexpr RegistrationAuthority kAuthorities[] = {
    {'1', "机构编制"}, {'2', "外交"},
    {'3', "司法行政"}, {'4', "文化"},
    {'5', "民政"},     {'6', "旅游"},
    {'7', "宗教"},     {'8', "工会"},
    {'9', "工商"},     {'A', "中央军委改革和编制办公室"},
    {'N', "农业"},     {'Y', "其他"},
};

constexpr OrganizationType kOrganizationTypes[] = {
    {'1', '1', "机关"},
    {'1', '2', "事业单位"},
    {'1', '3', "中央编办直接管理机构编制的群众团体"},
    {'1', '9', "其他"},
    {'2', '1', "外国常驻新闻机构"},
    {'2', '9', "其他"},
    {'3', '1', "律师执业机构"},
    {'3', '2', "公证处"},
    {'3', '3', "基层法律服务所"},
    {'3', '4', "司法鉴定机构"},
    {'3', '5', "仲裁委员会"},
    {'3', '9', "其他"},
    {'4', '1', "外国在华文化中心"},
    {'4', '9', "其他"},
    {'5', '1', "社会团体"},
    {'5', '2', "民办非企业单位"},
    {'5', '3', "基金会"},
    {'5', '9', "其他"},
    {'6', '1', "外国旅游部门常驻代表机构"},
    {'6', '2', "港澳台地区旅游部门常驻内地（大陆）代表机构"},
    {'6', '9', "其他"},
    {'7', '1', "宗教活动场所"},
    {'7', '2', "宗教院校"},
    {'7', '9', "其他"},
    {'8', '1', "基层工会"},
    {'8', '9', "其他"},
    {'9', '1', "企业"},
    {'9', '2', "个体工商户"},
    {'9', '3', "农民专业合作社"},
    {'A', '1', "军队事业单位"},
    {'A', '9', "其他"},
    {'N', '1', "组级集体经济组织"},
    {'N', '2', "村级集体经济组织"},
    {'N', '3', "乡镇级集体经济组织"},
    {'N', '9', "其他"},
    {'Y', '1', "其他"},
};

// Division code of units registered at the national level rather than in a province.
constexpr std::string_view kNationalDivision = "100000";

// Value of each byte in kCharacterSet, or -1 outside it. With `acceptLowerCase` a lower-case
// letter has the value of its upper-case form, as normalisation would give it. Tables, because
// every character of every code is looked up twice (character check and check character).
constexpr std::array<signed char, 256> makeCharacterValues(bool acceptLowerCase) {
    std::array<signed char, 256> values{};
    for (signed char& value : values) {
        value = -1;
    }
    for (std::size_t i = 0; i < kCharacterSet.size(); ++i) {
        const char c = kCharacterSet[i];
        values[static_cast<unsigned char>(c)] = static_cast<signed char>(i);
        if (acceptLowerCase && c >= 'A' && c <= 'Z') {
            values[static_cast<unsigned char>(c - 'A' + 'a')] = static_cast<signed char>(i);
        }
    }
    return values;
}

constexpr std::array<signed char, 256> kCharacterValues = makeCharacterValues(false);
constexpr std::array<signed char, 256> kTypedCharacterValues = makeCharacterValues(true);

int characterValue(char c) {
    return kCharacterValues[static_cast<unsigned char>(c)];
}

// GB 11714 value of each byte: digits 0-9, upper-case letters A-Z 10-35, -1 otherwise.
constexpr std::array<signed char, 256> makeOrganizationCodeValues() {
    std::array<signed char, 256> values{};
    for (std::size_t byte = 0; byte < values.size(); ++byte) {
        if (byte >= '0' && byte <= '9') {
            values[byte] = static_cast<signed char>(byte - '0');
        } else if (byte >= 'A' && byte <= 'Z') {
            values[byte] = static_cast<signed char>(byte - 'A' + 10);
        } else {
            values[byte] = -1;
        }
    }
    return values;
}

constexpr std::array<signed char, 256> kOrganizationCodeValues = makeOrganizationCodeValues();

// Returns the sum of each character's value times its weight, or -1 unless `characters` has
// one character per weight and every one has a value. The values are combined with OR and
// tested once, so that the loop has no branch per character.
template <std::size_t N>
int sumWeightedValues(std::string_view characters, const std::array<signed char, 256>& values,
                      const std::array<int, N>& weights) {
    if (characters.size() != N) {
        return -1;
    }
    int sum = 0;
    int combined = 0;
    for (std::size_t i = 0; i < N; ++i) {
        const int value = values[static_cast<unsigned char>(characters[i])];
        combined |= value;
        sum += value * weights[i];
    }
    return combined < 0 ? -1 : sum;
}

// Returns the check character for the weighted sum of positions 1-17: the character whose value
// is 31 - (sum mod 31), with 31 written as 0.
char checkCharacterOfSum(int sum) {
    return kCharacterSet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

// Positions (1-based, 0 for none) in kAuthorities of each authority character and in
// kOrganizationTypes of each authority and type pair, indexed by character value. Every code
// that reaches the table check reads both, so they are indexed instead of searched.
struct CodeTableIndex {
    std::array<std::uint8_t, kCharacterSet.size()> authority{};
    std::array<std::array<std::uint8_t, kCharacterSet.size()>, kCharacterSet.size()> type{};
};

constexpr std::size_t constexprCharacterValue(char c) {
    return kCharacterSet.find(c);
}

constexpr CodeTableIndex indexCodeTables() {
    CodeTableIndex index;
    for (std::size_t i = 0; i < std::size(kAuthorities); ++i) {
        index.authority[constexprCharacterValue(kAuthorities[i].code)] =
            static_cast<std::uint8_t>(i + 1);
    }
    for (std::size_t i = 0; i < std::size(kOrganizationTypes); ++i) {
        const OrganizationType& type = kOrganizationTypes[i];
        index.type[constexprCharacterValue(type.authority)][constexprCharacterValue(type.code)] =
            static_cast<std::uint8_t>(i + 1);
    }
    return index;
}

constexpr CodeTableIndex kCodeTableIndex = indexCodeTables();

// Returns the authority of a character from the character set, or nullptr.
const RegistrationAuthority* findAuthority(char code) {
    const std::size_t position = kCodeTableIndex.authority[static_cast<std::size_t>(
        characterValue(code))];
    return position == 0 ? nullptr : &kAuthorities[position - 1];
}

// Returns the type of two characters from the character set, or nullptr.
const OrganizationType* findOrganizationType(char authority, char code) {
    const std::size_t position =
        kCodeTableIndex.type[static_cast<std::size_t>(characterValue(authority))]
                            [static_cast<std::size_t>(characterValue(code))];
    return position == 0 ? nullptr : &kOrganizationTypes[position - 1];
}

// Lists the types an authority may assign, e.g. "1 企业、2 个体工商户、3 农民专业合作社".
std::string listOrganizationTypes(char authority) {
    std::string list;
    for (const OrganizationType& type : kOrganizationTypes) {
        if (type.authority != authority) {
            continue;
        }
        if (!list.empty()) {
            list += "、";
        }
        list += type.code;
        list += ' ';
        list += type.name;
    }
    return list;
}

// The digit that a confusable letter outside the character set was probably meant to be.
char probableDigit(char32_t letter) {
    switch (letter) {
    case U'O':
        return '0';
    case U'I':
        return '1';
    case U'Z':
        return '2';
    case U'S':
        return '5';
    default:
        return '\0';
    }
}

// Blocks on the first character outside the character set. Returns false if one was found.
bool checkCharacters(const std::string& code, CreditCodeVerdict& verdict) {
    // Typed codes are nearly always valid, and a valid code is ASCII, so look byte by byte
    // first and decode code points only to say what is wrong.
    if (std::all_of(code.begin(), code.end(), [](char c) { return characterValue(c) >= 0; })) {
        return true;
    }
    std::size_t offset = 0;
    std::size_t position = 0;
    bool wellFormed = true;
    while (offset < code.size()) {
        const char32_t c = decodeCodePoint(code, offset, wellFormed);
        ++position;
        if (c < 0x80 && characterValue(static_cast<char>(c)) >= 0) {
            continue;
        }

        std::string message = "第" + std::to_string(position) + "位";
        if (c == U'I' || c == U'O' || c == U'Z' || c == U'S' || c == U'V') {
            message += "是字母 " + std::string(1, static_cast<char>(c)) +
                       "，统一社会信用代码不使用字母 I、O、Z、S、V";
            if (const char digit = probableDigit(c)) {
                message += "，是否应为数字 " + std::string(1, digit) + "？";
            }
        } else {
            message += "的" + describeCharacter(c) +
                       "不能出现在统一社会信用代码中，只能是数字和大写字母（不含 I、O、Z、S、V）";
        }
        verdict.block("invalid_character", message, position);
        return false;
    }
    return true;
}

void checkAuthorityAndType(const std::string& code, CreditCodeVerdict& verdict) {
    const RegistrationAuthority* authority = findAuthority(code[0]);
    if (authority == nullptr) {
        verdict.warn("unknown_registration_authority",
                     "第1位登记管理部门代码“" + std::string(1, code[0]) +
                         "”不在 GB 32100-2015 代码表中，请核对",
                     1);
        return;
    }
    verdict.details.registrationAuthority = authority->name;

    const OrganizationType* type = findOrganizationType(code[0], code[1]);
    if (type == nullptr) {
        verdict.warn("unknown_organization_type",
                     "第2位机构类别代码“" + std::string(1, code[1]) + "”不属于登记管理部门“" +
                         std::string(authority->name) + "”（可用：" +
                         listOrganizationTypes(code[0]) + "），请核对",
                     2);
        return;
    }
    verdict.details.organizationType = type->name;
}

void checkDivision(const std::string& code, CreditCodeVerdict& verdict) {
    const std::string_view division = std::string_view(code).substr(2, 6);
    assignNonOverlapping(verdict.details.divisionCode, division);
    if (division == kNationalDivision) {
        assignNonOverlapping(verdict.details.divisionName, "国家级");
        return;
    }

    const std::size_t nonDigit = static_cast<std::size_t>(
        std::find_if(division.begin(), division.end(), [](char c) { return c < '0' || c > '9'; }) -
        division.begin());
    if (nonDigit != division.size()) {
        verdict.warn("invalid_division_code",
                     "第" + std::to_string(nonDigit + 3) + "位是字母 " +
                         std::string(1, division[nonDigit]) +
                         "，第3-8位登记管理机关行政区划码应为6位数字，请核对",
                     nonDigit + 3);
        return;
    }

    const DivisionInfo info = lookupDivision(division);
    info.assignFullName(verdict.details.divisionName);
    if (!info.provinceKnown) {
        verdict.warn("unknown_province",
                     "第3-4位“" + std::string(division.substr(0, 2)) +
                         "”不是有效的省级行政区划代码，请核对",
                     3);
        return;
    }

    // Only Fujian's prefectures and counties are listed, so other provinces are checked to the
    // province level.
    if (!info.lowerLevelsListed) {
        return;
    }
    if (!info.prefectureKnown) {
        verdict.warn("unknown_prefecture",
                     "第5-6位“" + std::string(division.substr(2, 2)) + "”不是" +
                         std::string(info.provinceName) + "的地级行政区划代码，请核对",
                     5);
        return;
    }
    if (!info.countyKnown) {
        verdict.warn("unknown_county",
                     "第7-8位“" + std::string(division.substr(4, 2)) + "”不是" +
                         std::string(info.provinceName) + std::string(info.prefectureName) +
                         "已知的县级行政区划代码，请核对",
                     7);
    }
}

void checkOrganizationCode(const std::string& code, CreditCodeVerdict& verdict) {
    const std::string_view body = std::string_view(code).substr(8, 9);
    assignNonOverlapping(verdict.details.organizationCode, body);
    const char expected = computeOrganizationCodeCheckCharacter(body.substr(0, 8));
    if (expected != code[16]) {
        verdict.warn("organization_code_check_mismatch",
                     "第17位（组织机构代码校验码）应为 " + std::string(1, expected) + "，实际为 " +
                         std::string(1, code[16]) + "，请核对第9-17位",
                     17);
    }
}

// Checks position 18 against the check character of `checkSum`, the weighted sum of the values
// of positions 1-17.
void checkCheckCharacter(const std::string& code, int checkSum, CreditCodeVerdict& verdict) {
    const char expected = checkCharacterOfSum(checkSum);
    if (expected != code[17]) {
        verdict.warn("check_character_mismatch",
                     "第18位校验码应为 " + std::string(1, expected) + "，实际为 " +
                         std::string(1, code[17]) + "，请核对是否有字符抄错",
                     18);
    }
}

// Writes an input of exactly 18 credit code characters, in either letter case, upper-cased
// into `normalized`, and sets `checkSum` to the weighted sum of the values of positions 1-17.
// Returns false for any other input, which needs the general normalisation and checks.
// Normalising such an input would only upper-case it, so the result is the same. The sum is
// taken here, where the values are at hand, to save a second pass over the code.
bool normalizePlainCode(std::string_view input, std::string& normalized, int& checkSum) {
    if (input.size() != kCreditCodeLength) {
        return false;
    }
    char upper[kCreditCodeLength];
    int sum = 0;
    for (std::size_t i = 0; i < kCreditCodeLength; ++i) {
        const int value = kTypedCharacterValues[static_cast<unsigned char>(input[i])];
        if (value < 0) {
            return false;
        }
        upper[i] = kCharacterSet[static_cast<std::size_t>(value)];
        sum += value * kPlainCodeWeights[i];
    }
    checkSum = sum;
    assignNonOverlapping(normalized, std::string_view(upper, kCreditCodeLength));
    return true;
}

void clearDetails(CreditCodeDetails& details) {
    details.registrationAuthority = {};
    details.organizationType = {};
    details.divisionCode.clear();
    details.divisionName.clear();
    details.organizationCode.clear();
}

// Checks an 18-character code whose characters are all in the character set. `checkSum` is
// the weighted sum of the values of positions 1-17.
void checkCodeContent(const std::string& code, int checkSum, CreditCodeVerdict& verdict) {
    checkAuthorityAndType(code, verdict);
    checkDivision(code, verdict);
    checkOrganizationCode(code, verdict);
    checkCheckCharacter(code, checkSum, verdict);
}

} // namespace

char computeCreditCodeCheckCharacter(std::string_view first17) {
    const int sum = sumWeightedValues(first17, kCharacterValues, kCreditCodeWeights);
    return sum < 0 ? '\0' : checkCharacterOfSum(sum);
}

char computeOrganizationCodeCheckCharacter(std::string_view first8) {
    const int sum = sumWeightedValues(first8, kOrganizationCodeValues, kOrganizationCodeWeights);
    if (sum < 0) {
        return '\0';
    }
    // 11 - (sum mod 11), where 10 is written X and 11 is written 0.
    const int check = 11 - sum % 11;
    if (check == 10) {
        return 'X';
    }
    if (check == 11) {
        return '0';
    }
    return static_cast<char>('0' + check);
}

CreditCodeVerdict validateCreditCode(std::string_view input) {
    CreditCodeVerdict verdict;
    validateCreditCode(input, verdict);
    return verdict;
}

void validateCreditCode(std::string_view input, CreditCodeVerdict& verdict) {
    clearDetails(verdict.details);
    verdict.findings.clear();
    int checkSum = 0;
    if (normalizePlainCode(input, verdict.normalized, checkSum)) {
        checkCodeContent(verdict.normalized, checkSum, verdict);
        return;
    }

    normalizeIdentifier(input, LetterCase::upper, verdict);
    if (verdict.isBlocked()) {
        return;
    }

    const std::string& code = verdict.normalized;
    if (code.empty()) {
        verdict.block("empty", "请输入统一社会信用代码");
        return;
    }

    // The character check reads code points, so that a Chinese character counts as one
    // position, but after it passes every character is one ASCII byte.
    if (!checkCharacters(code, verdict)) {
        const std::size_t length = countCodePoints(code);
        if (length != kCreditCodeLength) {
            verdict.block("wrong_length",
                          "统一社会信用代码应为18位，当前为" + std::to_string(length) + "位");
        }
        return;
    }
    if (code.size() != kCreditCodeLength) {
        verdict.block("wrong_length",
                      "统一社会信用代码应为18位，当前为" + std::to_string(code.size()) + "位");
        return;
    }

    checkSum = sumWeightedValues(std::string_view(code).substr(0, kCreditCodeWeights.size()),
                                 kCharacterValues, kCreditCodeWeights);
    checkCodeContent(code, checkSum, verdict);
}

} // namespace portal
