// ID-card number (公民身份号码) validation after GB 11643-1999, and the identity numbers that
// share its form: residence permits for Hong Kong, Macao and Taiwan residents and the
// foreigner's permanent residence ID card.
//
// Layout of the 18 characters of a citizen's number:
//   1-6    administrative division of the holder's registered residence (GB/T 2260)
//   7-14   birth date YYYYMMDD
//   15-17  sequence number; position 17 is odd for men and even for women
//   18     check character (ISO 7064 MOD 11-2: 0-9 or X)
//
// Every format that cannot be an identity number blocks: wrong length or characters, an
// unknown province, a birth date that does not exist or lies in the future, a wrong check
// character. An unknown Fujian prefecture or county and a birth more than 120 years ago only
// warn.
#pragma once

#include "core/calendar_date.h"
#include "core/validation.h"

#include <optional>
#include <string>
#include <string_view>

namespace portal {

// Document type of an identity number.
enum class IdCardKind {
    unknown,
    // 居民身份证: 18 digits, or a 15-digit number from before 1999 converted to 18.
    resident,
    // 港澳台居民居住证: 18 digits starting 810000, 820000 or 830000.
    hong_kong_residence_permit,
    macao_residence_permit,
    taiwan_residence_permit,
    // 外国人永久居留身份证 issued since December 2023: 18 digits starting with 9.
    foreign_permanent_residence,
    // 外国人永久居留身份证 issued before: 3 letters (nationality) and 12 digits.
    foreign_permanent_residence_legacy,
};

enum class Sex { unknown, male, female };

// Holder information encoded in an identity number, for prefilling forms. Fields stay empty
// or unknown when the number was blocked before they could be read.
struct IdCardDetails {
    IdCardKind kind = IdCardKind::unknown;
    // The input had 15 digits and `normalized` is its 18-digit form.
    bool convertedFromLegacy = false;
    std::optional<CalendarDate> birthDate;
    Sex sex = Sex::unknown;
    // "福建省福州市鼓楼区", or only the known part, e.g. "浙江省".
    std::string divisionName;
};

// Verdict on an identity number, with the holder information it encodes.
struct IdCardVerdict : Verdict {
    IdCardDetails details;
};

// Validates an identity number as typed or pasted, judging the birth date against `today`.
// Surrounding spaces, full-width characters and a lower-case x are accepted; `normalized` is
// the 18-character form (15 characters for the legacy foreigner's card).
IdCardVerdict validateIdCardNumber(std::string_view input, const CalendarDate& today);

// Validates as above into `verdict`, replacing what it held but reusing its memory.
void validateIdCardNumber(std::string_view input, const CalendarDate& today,
                          IdCardVerdict& verdict);

// Computes the check character (position 18) for the first 17 digits. Returns '\0' unless
// `first17` is 17 ASCII digits.
char computeIdCardCheckCharacter(std::string_view first17);

// Converts a 15-digit number (YYMMDD birth date of the 1900s, no check character) to its
// 18-digit form. Returns an empty string unless `legacy` is 15 ASCII digits.
std::string convertLegacyIdCardNumber(std::string_view legacy);

// Returns the Chinese name of the document, e.g. "居民身份证".
std::string_view idCardKindName(IdCardKind kind);

} // namespace portal
