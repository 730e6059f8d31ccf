// Mobile number regions read from the prefix table that tools/phone_prefix_gen generates
// (assets/phone_prefixes.tsv). The format is kept plain so that the reference server can read
// the same file.
//
// Table format: UTF-8 text with LF line ends. Lines starting with # are comments. The first
// other line is the header "first<TAB>last<TAB>province<TAB>city". Every further line is one
// range of 7-digit prefixes (the first 7 digits of an 11-digit number):
//   1359100<TAB>1359109<TAB>福建省<TAB>福州市
// `first` and `last` are inclusive, ranges are sorted by `first` and do not overlap,
// `province` is the full province-level name and `city` is empty for municipalities
// ("1301000<TAB>1301009<TAB>北京市<TAB>"). A prefix outside every range has no known region.
#pragma once

#include "core/mobile.h"
#include "core/result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portal {

// Province name that marks a range as Fujian in the table.
inline constexpr std::string_view kFujianProvinceName = "福建省";

// Region lookup backed by the prefix table.
class PrefixTableRegionLookup : public MobileRegionLookup {
public:
    // Parses the text of a prefix table. Returns an error naming the first malformed line.
    static Result<PrefixTableRegionLookup> parse(std::string_view tableText);

    // Looks up the range that contains the number's 7-digit prefix: fujian or other_province
    // when one does, unknown when none does, and invalid unless `number` is 11 ASCII digits
    // starting with 1.
    MobileRegion lookup(std::string_view number) const override;

    // Returns the number of prefix ranges read.
    std::size_t rangeCount() const { return ranges_.size(); }

private:
    struct Region {
        std::string province;
        std::string city;
    };

    struct Range {
        std::uint32_t first;
        std::uint32_t last;
        std::uint32_t region; // index into regions_
    };

    std::vector<Region> regions_;
    std::vector<Range> ranges_;
};

} // namespace portal
