// Unified social credit code (统一社会信用代码, USCC) validation after GB 32100-2015.
//
// Layout of the 18 characters:
//   1      registration authority (登记管理部门代码)
//   2      organisation type within that authority (机构类别代码)
//   3-8    administrative division of the registering office (GB/T 2260)
//   9-17   organisation code (组织机构代码, GB 11714) with its own check character at 17
//   18     check character over positions 1-17
//
// Grading: what cannot be a credit code at all (wrong length, a character outside the code's
// character set) blocks. What registered codes are known to violate (either check character,
// an authority/type pair outside the table, an unknown division) only warns, because the
// registration record, not this check, is authoritative.
#pragma once

#include "core/validation.h"

#include <string>
#include <string_view>

namespace portal {

// Information a credit code encodes about its unit. Names are empty when unknown or when the
// code was blocked before they could be read.
struct CreditCodeDetails {
    std::string_view registrationAuthority; // "工商", pointing into a static table
    std::string_view organizationType;      // "企业", pointing into a static table
    std::string divisionCode;          // "350100"
    std::string divisionName;          // "福建省福州市"
    std::string organizationCode;      // positions 9-17, e.g. "MA2XN1234"
};

// Verdict on a credit code, with its details.
struct CreditCodeVerdict : Verdict {
    CreditCodeDetails details;
};

// Validates a credit code as typed or pasted. Surrounding spaces, full-width characters and
// lower-case letters are accepted; `normalized` is the upper-case ASCII form.
CreditCodeVerdict validateCreditCode(std::string_view input);

// Validates as above into `verdict`, replacing what it held but reusing its memory: a form
// that keeps one verdict per field validates a typed value without allocating.
void validateCreditCode(std::string_view input, CreditCodeVerdict& verdict);

// Computes the check character (position 18) for the first 17 characters of a credit code.
// Returns '\0' unless `first17` is 17 characters from the credit code character set.
char computeCreditCodeCheckCharacter(std::string_view first17);

// Computes the GB 11714 check character for the first 8 characters of an organisation code
// (digits and upper-case letters). Returns '\0' for any other input.
char computeOrganizationCodeCheckCharacter(std::string_view first8);

} // namespace portal
