// Fuzzes validateMobileNumber and validateMobileNumberForSms with arbitrary bytes, against a
// small prefix table with a Fujian, an other-province and an unknown range.
#include "core/mobile.h"
#include "core/mobile_regions.h"
#include "verdict_checks.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace {

const portal::PrefixTableRegionLookup& sampleTable() {
    static const portal::PrefixTableRegionLookup table = [] {
        portal::PrefixTableContents contents;
        contents.regions = {{"北京市", ""}, {"福建省", "福州市"}};
        // 1300000-1380012 unknown, 1380013 Beijing, up to 1395909 unknown, 1395910-1395919
        // Fuzhou, the rest unknown.
        contents.runs = {{80013, 0}, {1, 1}, {15896, 0}, {10, 2}, {604080, 0}};
        auto parsed = portal::PrefixTableRegionLookup::parse(portal::encodePrefixTable(contents));
        portal::fuzz::require(parsed.ok(), "sample table parses");
        return std::move(parsed).value();
    }();
    return table;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace portal;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const MobileVerdict form = validateMobileNumber(input);
    fuzz::checkVerdict(form);
    if (!form.isBlocked()) {
        fuzz::require(form.normalized.size() == 11, "a passing number has 11 digits",
                      form.normalized);
        fuzz::require(validateMobileNumber(form.normalized).normalized == form.normalized,
                      "normalizing is idempotent", form.normalized);
    }

    const MobileVerdict sms = validateMobileNumberForSms(input, sampleTable());
    fuzz::checkVerdict(sms);
    fuzz::require(sms.normalized == form.normalized, "the SMS rule keeps the normalized value",
                  sms.normalized);
    fuzz::require(!form.isBlocked() || sms.isBlocked(), "the SMS rule never unblocks",
                  sms.normalized);

    // The lookup takes any bytes, not only validated numbers.
    sampleTable().findRegion(input);
    return 0;
}
