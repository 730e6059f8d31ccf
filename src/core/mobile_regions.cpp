#include "core/mobile_regions.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <utility>

namespace portal {
namespace {

constexpr std::string_view kHeader = "first\tlast\tprovince\tcity";
constexpr std::size_t kPrefixLength = 7;

// Parses exactly seven ASCII digits starting with 1.
bool parsePrefix(std::string_view text, std::uint32_t& prefix) {
    if (text.size() != kPrefixLength || text[0] != '1') {
        return false;
    }
    prefix = 0;
    for (char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
        prefix = prefix * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return true;
}

// Splits a line at tabs. Returns false unless it has exactly `count` fields.
bool splitFields(std::string_view line, std::string_view* fields, std::size_t count) {
    std::size_t field = 0;
    while (true) {
        const std::size_t tab = line.find('\t');
        if (field == count) {
            return false;
        }
        fields[field++] = line.substr(0, tab);
        if (tab == std::string_view::npos) {
            break;
        }
        line.remove_prefix(tab + 1);
    }
    return field == count;
}

Error malformedLine(std::size_t lineNumber, const std::string& reason) {
    return Error{"invalid_prefix_table",
                 "号码归属地数据第" + std::to_string(lineNumber) + "行无效：" + reason};
}

} // namespace

Result<PrefixTableRegionLookup> PrefixTableRegionLookup::parse(std::string_view tableText) {
    PrefixTableRegionLookup table;
    std::map<std::pair<std::string, std::string>, std::uint32_t> regionIndex;
    bool headerSeen = false;
    std::size_t lineNumber = 0;

    while (!tableText.empty()) {
        const std::size_t end = tableText.find('\n');
        std::string_view line = tableText.substr(0, end);
        tableText.remove_prefix(end == std::string_view::npos ? tableText.size() : end + 1);
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty() || line[0] == '#') {
            continue;
        }
        if (!headerSeen) {
            if (line != kHeader) {
                return malformedLine(lineNumber, "缺少表头 first/last/province/city");
            }
            headerSeen = true;
            continue;
        }

        std::string_view fields[4];
        if (!splitFields(line, fields, 4)) {
            return malformedLine(lineNumber, "应有4列，以制表符分隔");
        }
        Range range{};
        if (!parsePrefix(fields[0], range.first) || !parsePrefix(fields[1], range.last)) {
            return malformedLine(lineNumber, "号段前缀应为以1开头的7位数字");
        }
        if (range.last < range.first) {
            return malformedLine(lineNumber, "区间结束小于开始");
        }
        if (!table.ranges_.empty() && range.first <= table.ranges_.back().last) {
            return malformedLine(lineNumber, "区间未按顺序排列或与上一行重叠");
        }
        if (fields[2].empty()) {
            return malformedLine(lineNumber, "缺少省份");
        }

        auto key = std::make_pair(std::string(fields[2]), std::string(fields[3]));
        const auto [found, inserted] =
            regionIndex.emplace(key, static_cast<std::uint32_t>(table.regions_.size()));
        if (inserted) {
            table.regions_.push_back({std::move(key.first), std::move(key.second)});
        }
        range.region = found->second;
        table.ranges_.push_back(range);
    }

    if (!headerSeen) {
        return Error{"invalid_prefix_table", "号码归属地数据为空或缺少表头"};
    }
    return Result<PrefixTableRegionLookup>(std::move(table));
}

MobileRegion PrefixTableRegionLookup::lookup(std::string_view number) const {
    std::uint32_t prefix = 0;
    const bool elevenDigits =
        number.size() == 11 &&
        std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!elevenDigits || !parsePrefix(number.substr(0, kPrefixLength), prefix)) {
        return {MobileRegionStatus::invalid, "", ""};
    }

    // The first range that starts after the prefix follows the only range that can hold it.
    const auto after = std::upper_bound(
        ranges_.begin(), ranges_.end(), prefix,
        [](std::uint32_t value, const Range& range) { return value < range.first; });
    if (after == ranges_.begin() || std::prev(after)->last < prefix) {
        return {MobileRegionStatus::unknown, "", ""};
    }

    const Region& region = regions_[std::prev(after)->region];
    const MobileRegionStatus status = region.province == kFujianProvinceName
                                          ? MobileRegionStatus::fujian
                                          : MobileRegionStatus::other_province;
    return {status, region.province, region.city};
}

} // namespace portal
