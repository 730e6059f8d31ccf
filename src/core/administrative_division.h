// Administrative division codes (GB/T 2260) as embedded in credit codes and ID-card numbers:
// every province-level code, and for Fujian every prefecture and county.
#pragma once

#include <string>
#include <string_view>

namespace portal {

// Names of the levels of a 6-digit administrative division code, and which levels are known.
struct DivisionInfo {
    // The first two digits name a province-level division.
    bool provinceKnown = false;
    // True only for Fujian codes (35xxxx), the one province whose lower levels are listed.
    bool lowerLevelsListed = false;
    // Digits 3-4 name a listed Fujian prefecture, or are 00 for the province itself.
    bool prefectureKnown = false;
    // Digits 5-6 name a listed Fujian county, or are 00 for the prefecture itself.
    bool countyKnown = false;
    // Names point into the static division tables.
    std::string_view provinceName;   // "福建省", or empty when unknown
    std::string_view prefectureName; // "福州市", or empty for a province-level code or when unknown
    std::string_view countyName;     // "鼓楼区", or empty for a prefecture-level code or when unknown

    // Writes the known names joined, e.g. "福建省福州市鼓楼区", over `out`. The names point
    // into static tables, never into `out`, so clearing first is safe, and it is cheaper than
    // assign() with libstdc++.
    void assignFullName(std::string& out) const {
        out.clear();
        out.append(provinceName);
        out.append(prefectureName);
        out.append(countyName);
    }
};

// Looks up a code of six ASCII digits. Any other input returns a DivisionInfo with nothing
// known.
DivisionInfo lookupDivision(std::string_view code);

// Returns the province-level name for two ASCII digits ("35" -> "福建省"), or an empty view.
std::string_view provinceName(std::string_view twoDigits);

} // namespace portal
