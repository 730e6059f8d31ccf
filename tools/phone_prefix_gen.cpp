// Generates the mobile number region table (phone_prefixes.bin) from the offline geocoding
// data of libphonenumber. It stores the region of every 7-digit prefix 1300000 to 1999999 as a
// Fujian prefecture, another province or no known region. Cities outside Fujian are dropped
// because the portal needs only Fujian's. Consecutive prefixes with the same region form a run.
//
// Usage: phone_prefix_gen OUTPUT_FILE [SOURCE_LABEL]
// SOURCE_LABEL names the data in the file, e.g. "libphonenumber 8.12.57+ds-3".
// The file format is described in src/core/mobile_regions.h.
#include "core/administrative_division.h"
#include "core/mobile_regions.h"

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberOfflineGeocoder;

constexpr std::uint32_t kFirstPrefix = 1300000;
constexpr std::uint32_t kLastPrefix = 1999999;

// Count of 11-digit numbers under one 7-digit prefix (the last four digits).
constexpr std::uint64_t kSubscriberRange = 10000;

struct Region {
    std::string province;
    std::string city;
};

// Short names that the geocoder uses for some provinces. The table stores the full name
// instead, so that readers compare provinces by one spelling.
struct ProvinceAlias {
    std::string_view shortName;
    std::string_view fullName;
};

constexpr ProvinceAlias kProvinceAliases[] = {
    {"内蒙古", "内蒙古自治区"}, {"广西", "广西壮族自治区"},   {"西藏", "西藏自治区"},
    {"宁夏", "宁夏回族自治区"}, {"新疆", "新疆维吾尔自治区"},
};

bool startsWith(const std::string& text, std::string_view prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

// Splits a geocoder description such as "福建省福州市", "北京市", "天津" or "新疆乌鲁木齐市"
// after its province-level name and writes the full province name. Returns false if the
// description starts with no province name, which includes the country-level "中国" that the
// geocoder returns for numbers without a region.
bool splitDescription(const std::string& description, Region& region) {
    for (int code = 10; code <= 99; ++code) {
        const std::string_view province = portal::provinceName(std::to_string(code));
        if (province.empty()) {
            continue;
        }

        // "福建省" may also appear as "福建", and "天津市" as "天津".
        std::string_view shortName = province;
        for (std::string_view suffix : {std::string_view("省"), std::string_view("市")}) {
            if (shortName.size() > suffix.size() &&
                shortName.substr(shortName.size() - suffix.size()) == suffix) {
                shortName.remove_suffix(suffix.size());
            }
        }
        for (const ProvinceAlias& alias : kProvinceAliases) {
            if (alias.fullName == province) {
                shortName = alias.shortName;
            }
        }

        for (std::string_view spelling : {province, shortName}) {
            if (startsWith(description, spelling)) {
                region.province = std::string(province);
                region.city = description.substr(spelling.size());
                return true;
            }
        }
    }
    return false;
}

std::string describe(const PhoneNumberOfflineGeocoder& geocoder, const icu::Locale& locale,
                     std::uint64_t nationalNumber) {
    PhoneNumber number;
    number.set_country_code(86);
    number.set_national_number(nationalNumber);
    return geocoder.GetDescriptionForNumber(number, locale);
}

// Builds the runs of the table from the region of each prefix, numbering regions in the order
// they first appear.
class TableBuilder {
public:
    explicit TableBuilder(std::string sourceLabel) {
        contents_.sourceLabel = std::move(sourceLabel);
        contents_.firstPrefix = kFirstPrefix;
        contents_.prefixCount = kLastPrefix - kFirstPrefix + 1;
    }

    // Appends the next prefix; `region` is nullptr for a prefix without a known region.
    void append(const Region* region) {
        const std::uint8_t index = region == nullptr ? 0 : indexOf(*region);
        if (!contents_.runs.empty() && contents_.runs.back().region == index) {
            ++contents_.runs.back().length;
        } else {
            contents_.runs.push_back({1, index});
        }
    }

    bool tooManyRegions() const { return tooManyRegions_; }
    const portal::PrefixTableContents& contents() const { return contents_; }

private:
    std::uint8_t indexOf(const Region& region) {
        const auto key = std::make_pair(region.province, region.city);
        const auto found = indexes_.find(key);
        if (found != indexes_.end()) {
            return found->second;
        }
        if (contents_.regions.size() == portal::kMaxPrefixTableRegions) {
            tooManyRegions_ = true;
            return 0;
        }
        contents_.regions.push_back({region.province, region.city});
        const auto index = static_cast<std::uint8_t>(contents_.regions.size());
        indexes_.emplace(key, index);
        return index;
    }

    portal::PrefixTableContents contents_;
    std::map<std::pair<std::string, std::string>, std::uint8_t> indexes_;
    bool tooManyRegions_ = false;
};

} // namespace

// Writes the file under a temporary name first, so that an interrupted run never leaves a
// partial table for the build to pick up as up to date.
bool writeFile(const std::string& path, const std::string& bytes) {
    const std::string partPath = path + ".part";
    std::ofstream out(partPath, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        std::remove(partPath.c_str());
        return false;
    }
    return std::rename(partPath.c_str(), path.c_str()) == 0;
}

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: phone_prefix_gen OUTPUT_FILE [SOURCE_LABEL]\n";
        return 2;
    }
    const std::string outputPath = argv[1];
    const std::string sourceLabel = argc == 3 ? argv[2] : "libphonenumber";

    const PhoneNumberOfflineGeocoder geocoder;
    const icu::Locale chinese("zh", "CN");
    TableBuilder builder(sourceLabel);
    std::uint32_t withoutRegion = 0;
    std::uint32_t unsplit = 0;
    std::uint32_t splitInsidePrefix = 0;

    for (std::uint32_t prefix = kFirstPrefix; prefix <= kLastPrefix; ++prefix) {
        const std::uint64_t firstNumber = prefix * kSubscriberRange;
        const std::string description = describe(geocoder, chinese, firstNumber);

        // The table assumes that every number under a 7-digit prefix has the same region, so
        // the last number is checked against the first and a difference fails the run.
        if (describe(geocoder, chinese, firstNumber + kSubscriberRange - 1) != description) {
            ++splitInsidePrefix;
        }

        Region region;
        if (description.empty() || description == "中国") {
            ++withoutRegion;
            builder.append(nullptr);
            continue;
        }
        if (!splitDescription(description, region)) {
            ++unsplit;
            std::cerr << "phone_prefix_gen: prefix " << prefix << " has the unrecognised region \""
                      << description << "\", left out\n";
            builder.append(nullptr);
            continue;
        }
        if (region.province != portal::kFujianProvinceName) {
            region.city.clear();
        }
        builder.append(&region);
    }

    if (builder.tooManyRegions()) {
        std::cerr << "phone_prefix_gen: more than " << portal::kMaxPrefixTableRegions
                  << " regions, which the table format cannot store\n";
        return 1;
    }
    const std::string bytes = portal::encodePrefixTable(builder.contents());
    if (!writeFile(outputPath, bytes)) {
        std::cerr << "phone_prefix_gen: writing " << outputPath << " failed\n";
        return 1;
    }

    std::cerr << "phone_prefix_gen: wrote " << builder.contents().runs.size() << " runs of "
              << builder.contents().regions.size() << " regions to " << outputPath << " ("
              << bytes.size() << " bytes); " << withoutRegion << " prefixes without region, "
              << unsplit << " with an unrecognised region, " << splitInsidePrefix
              << " whose first and last number differ\n";
    return unsplit == 0 && splitInsidePrefix == 0 ? 0 : 1;
}
