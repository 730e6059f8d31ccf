// Mainland China mobile number validation, and the Fujian-only rule for SMS verification
// codes: the client checks the registration region of a number before it requests a code from
// the server, and shows the reason when it rejects a number.
#pragma once

#include "core/validation.h"

#include <string>
#include <string_view>

namespace portal {

// Outcome of looking up where a mobile number is registered.
enum class MobileRegionStatus {
    // Registered in Fujian. `city` names the prefecture if the lookup stores one.
    fujian,
    // Registered in another province, named in `province`.
    other_province,
    // The lookup has no entry for the number, so the SMS may or may not arrive.
    unknown,
    // The lookup reports that the number cannot exist.
    invalid,
};

// Registration region of a mobile number, with names as the lookup stores them, e.g.
// {other_province, "浙江省", "杭州市"} or {other_province, "北京市", ""}.
struct MobileRegion {
    MobileRegionStatus status = MobileRegionStatus::unknown;
    std::string province;
    std::string city;
};

// Source of mobile number regions: a prefix table in the browser, a stub in tests.
class MobileRegionLookup {
public:
    virtual ~MobileRegionLookup() = default;

    // Looks up an 11-digit number that passed validateMobileNumber.
    virtual MobileRegion lookup(std::string_view number) const = 0;

    // Looks up as lookup() does into `region`, replacing what it held. The SMS rule calls this
    // form, so that a lookup can reuse the memory of the verdict's region. The default copies
    // the result of lookup().
    virtual void lookupInto(std::string_view number, MobileRegion& region) const {
        region = lookup(number);
    }
};

// Verdict on a mobile number, with its region once the SMS rule was checked.
struct MobileVerdict : Verdict {
    MobileRegion region;

    // Returns whether the client may request an SMS code for `normalized`.
    bool smsAllowed() const { return !isBlocked(); }
};

// Validates the form of a mobile number: 11 digits on an allocated segment. Accepts the
// country code as +86, 0086 or 86, and spaces, dashes and full-width digits anywhere;
// `normalized` is the 11 digits. The region is not looked up.
MobileVerdict validateMobileNumber(std::string_view input);

// Validates as above into `verdict`, replacing what it held but reusing its memory.
void validateMobileNumber(std::string_view input, MobileVerdict& verdict);

// Validates the form as validateMobileNumber does, then looks up the region to apply the SMS
// rule: a number of another province or one the lookup calls invalid blocks, an unknown one
// warns that the code may not arrive.
MobileVerdict validateMobileNumberForSms(std::string_view input, const MobileRegionLookup& lookup);

// Validates as above into `verdict`, replacing what it held but reusing its memory.
void validateMobileNumberForSms(std::string_view input, const MobileRegionLookup& lookup,
                                MobileVerdict& verdict);

// Returns whether the first three digits of an 11-digit number belong to a segment allocated
// to public mobile networks (13x, 145-149, 150-153, 155-159, 162, 165-167, 170-178, 18x,
// 190-193, 195-199).
bool isAllocatedMobileSegment(std::string_view number);

} // namespace portal
