#include "core/mobile_regions.h"

#include "core/text_normalize.h"

#include <algorithm>
#include <array>
#include <utility>

namespace portal {
namespace {

constexpr std::size_t kPrefixLength = 7;
constexpr std::size_t kMobileLength = 11;
constexpr std::size_t kChecksumBytes = 4;
constexpr std::size_t kMaxVarintBytes = 5;

// Every 7-digit prefix starts with 1, so a table may cover at most 1000000-1999999.
constexpr std::uint32_t kLowestPrefix = 1000000;
constexpr std::uint32_t kEndOfPrefixes = 2000000;

constexpr std::array<std::uint32_t, 256> makeCrc32Table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t value = i;
        for (int bit = 0; bit < 8; ++bit) {
            value = (value & 1u) != 0 ? 0xEDB88320u ^ (value >> 1) : value >> 1;
        }
        table[i] = value;
    }
    return table;
}

constexpr std::array<std::uint32_t, 256> kCrc32Table = makeCrc32Table();

void appendVarint(std::string& out, std::uint32_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7Fu) | 0x80u));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

void appendText(std::string& out, std::string_view text) {
    appendVarint(out, static_cast<std::uint32_t>(text.size()));
    out.append(text);
}

Error invalidTable(std::size_t offset, const std::string& reason) {
    return Error{"invalid_prefix_table",
                 "号码归属地数据无效（第" + std::to_string(offset) + "字节）：" + reason};
}

// Reads the fields of a table file front to back. Every read checks the remaining length
// first; the first failure is kept and later reads return zero values.
class TableReader {
public:
    explicit TableReader(std::string_view bytes) : bytes_(bytes) {}

    bool failed() const { return failed_; }
    std::size_t offset() const { return offset_; }
    bool atEnd() const { return offset_ == bytes_.size(); }
    const Error& error() const { return error_; }

    void fail(const std::string& reason) {
        if (!failed_) {
            failed_ = true;
            error_ = invalidTable(offset_, reason);
        }
    }

    std::uint8_t readByte(const char* field) {
        if (failed_ || offset_ >= bytes_.size()) {
            fail(std::string("文件在") + field + "处截断");
            return 0;
        }
        return static_cast<std::uint8_t>(bytes_[offset_++]);
    }

    std::uint32_t readVarint(const char* field) {
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < kMaxVarintBytes; ++i) {
            const std::uint8_t byte = readByte(field);
            if (failed_) {
                return 0;
            }
            value |= static_cast<std::uint64_t>(byte & 0x7Fu) << (7 * i);
            if ((byte & 0x80u) == 0) {
                if (value > 0xFFFFFFFFu) {
                    fail(std::string(field) + "超出32位整数范围");
                    return 0;
                }
                return static_cast<std::uint32_t>(value);
            }
        }
        fail(std::string(field) + "的变长整数超过5字节");
        return 0;
    }

    std::string_view readBytes(std::size_t count, const char* field) {
        if (failed_ || bytes_.size() - offset_ < count) {
            fail(std::string("文件在") + field + "处截断");
            return {};
        }
        const std::string_view out = bytes_.substr(offset_, count);
        offset_ += count;
        return out;
    }

    // Reads a length-prefixed UTF-8 string of at most `maxBytes` bytes.
    std::string_view readText(std::size_t minBytes, std::size_t maxBytes, const char* field) {
        const std::uint32_t length = readVarint(field);
        if (failed_) {
            return {};
        }
        if (length < minBytes || length > maxBytes) {
            fail(std::string(field) + "长度" + std::to_string(length) + "字节不在" +
                 std::to_string(minBytes) + "-" + std::to_string(maxBytes) + "之间");
            return {};
        }
        const std::string_view text = readBytes(length, field);
        if (!failed_ && findInvalidUtf8(text) != 0) {
            fail(std::string(field) + "不是有效的UTF-8文本");
            return {};
        }
        return text;
    }

private:
    std::string_view bytes_;
    std::size_t offset_ = 0;
    bool failed_ = false;
    Error error_;
};

std::uint32_t readLittleEndian32(std::string_view bytes) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        value |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[i])) << (8 * i);
    }
    return value;
}

// Parses the 7-digit prefix of an 11-digit number. Returns false unless `number` is 11 ASCII
// digits starting with 1.
bool parseMobilePrefix(std::string_view number, std::uint32_t& prefix) {
    if (number.size() != kMobileLength || number[0] != '1') {
        return false;
    }
    prefix = 0;
    for (std::size_t i = 0; i < kMobileLength; ++i) {
        const char c = number[i];
        if (c < '0' || c > '9') {
            return false;
        }
        if (i < kPrefixLength) {
            prefix = prefix * 10 + static_cast<std::uint32_t>(c - '0');
        }
    }
    return true;
}

} // namespace

std::uint32_t computeCrc32(std::string_view bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (char c : bytes) {
        crc = kCrc32Table[(crc ^ static_cast<std::uint8_t>(c)) & 0xFFu] ^ (crc >> 8);
    }
    return crc ^ 0xFFFFFFFFu;
}

std::string encodePrefixTable(const PrefixTableContents& contents) {
    std::string out(kPrefixTableMagic);
    out.push_back(static_cast<char>(kPrefixTableVersion));
    appendText(out, contents.sourceLabel);
    appendVarint(out, contents.firstPrefix);
    appendVarint(out, contents.prefixCount);

    out.push_back(static_cast<char>(contents.regions.size()));
    for (const PrefixTableRegion& region : contents.regions) {
        appendText(out, region.province);
        appendText(out, region.city);
    }

    appendVarint(out, static_cast<std::uint32_t>(contents.runs.size()));
    for (const PrefixTableRun& run : contents.runs) {
        appendVarint(out, run.length - 1);
        out.push_back(static_cast<char>(run.region));
    }

    const std::uint32_t checksum = computeCrc32(out);
    for (std::size_t i = 0; i < kChecksumBytes; ++i) {
        out.push_back(static_cast<char>((checksum >> (8 * i)) & 0xFFu));
    }
    return out;
}

Result<PrefixTableRegionLookup> PrefixTableRegionLookup::parse(std::string_view bytes) {
    // The checksum comes first, so that a damaged file is reported as such rather than by
    // whichever field the damage happens to hit.
    const std::size_t minimumSize = kPrefixTableMagic.size() + 1 + kChecksumBytes;
    if (bytes.size() < minimumSize ||
        bytes.substr(0, kPrefixTableMagic.size()) != kPrefixTableMagic) {
        return invalidTable(0, "不是号码归属地数据文件（文件头应为 MPRT）");
    }
    const std::string_view body = bytes.substr(0, bytes.size() - kChecksumBytes);
    if (computeCrc32(body) != readLittleEndian32(bytes.substr(body.size()))) {
        return invalidTable(body.size(), "校验和不符，文件已损坏或不完整");
    }

    TableReader reader(body);
    reader.readBytes(kPrefixTableMagic.size(), "文件头");
    const std::uint8_t version = reader.readByte("版本号");
    if (version != kPrefixTableVersion) {
        return invalidTable(reader.offset() - 1, "不支持的版本 " + std::to_string(version) +
                                                     "，应为 " +
                                                     std::to_string(kPrefixTableVersion));
    }

    PrefixTableRegionLookup table;
    table.sourceLabel_ = std::string(reader.readText(0, kMaxSourceLabelBytes, "数据来源"));
    table.firstPrefix_ = reader.readVarint("起始号段");
    const std::uint32_t prefixCount = reader.readVarint("号段数");
    if (reader.failed()) {
        return reader.error();
    }
    if (table.firstPrefix_ < kLowestPrefix || table.firstPrefix_ >= kEndOfPrefixes ||
        prefixCount > kEndOfPrefixes - table.firstPrefix_) {
        return invalidTable(reader.offset(), "号段范围应在1000000-1999999之内");
    }
    table.endPrefix_ = table.firstPrefix_ + prefixCount;

    const std::uint8_t regionCount = reader.readByte("地区数");
    for (std::uint8_t i = 0; i < regionCount && !reader.failed(); ++i) {
        PrefixTableRegion region;
        region.province = std::string(reader.readText(1, kMaxRegionNameBytes, "省份名称"));
        region.city = std::string(reader.readText(0, kMaxRegionNameBytes, "城市名称"));
        table.regionStatuses_.push_back(region.province == kFujianProvinceName
                                            ? MobileRegionStatus::fujian
                                            : MobileRegionStatus::other_province);
        table.regions_.push_back(std::move(region));
    }

    const std::uint32_t runCount = reader.readVarint("区间数");
    if (reader.failed()) {
        return reader.error();
    }
    // Each run takes at least 2 bytes, which bounds the allocation by the file size.
    if (runCount > prefixCount || runCount > body.size() / 2) {
        return invalidTable(reader.offset(),
                            "区间数 " + std::to_string(runCount) + " 超出号段数或文件大小");
    }
    table.runStarts_.reserve(runCount);
    table.runRegions_.reserve(runCount);

    std::uint32_t next = table.firstPrefix_;
    for (std::uint32_t i = 0; i < runCount; ++i) {
        const std::uint32_t lengthMinusOne = reader.readVarint("区间长度");
        const std::uint8_t region = reader.readByte("区间地区");
        if (reader.failed()) {
            return reader.error();
        }
        if (lengthMinusOne >= table.endPrefix_ - next) {
            return invalidTable(reader.offset(),
                                "第" + std::to_string(i + 1) + "个区间超出号段范围");
        }
        if (region > regionCount) {
            return invalidTable(reader.offset() - 1, "第" + std::to_string(i + 1) +
                                                         "个区间的地区编号 " +
                                                         std::to_string(region) + " 不存在");
        }
        table.runStarts_.push_back(next);
        table.runRegions_.push_back(region);
        next += lengthMinusOne + 1;
    }
    if (next != table.endPrefix_) {
        return invalidTable(reader.offset(), "区间未覆盖全部号段，缺少 " +
                                                 std::to_string(table.endPrefix_ - next) +
                                                 " 个号段");
    }
    if (!reader.atEnd()) {
        return invalidTable(reader.offset(), "区间之后还有多余数据");
    }
    table.indexBlocks();
    return Result<PrefixTableRegionLookup>(std::move(table));
}

void PrefixTableRegionLookup::indexBlocks() {
    blockFirstRuns_.clear();
    if (runStarts_.empty()) {
        return;
    }
    const std::uint32_t blockCount =
        (endPrefix_ - firstPrefix_ + kPrefixesPerBlock - 1) / kPrefixesPerBlock;
    blockFirstRuns_.reserve(blockCount + 1);
    std::uint32_t run = 0;
    for (std::uint32_t block = 0; block < blockCount; ++block) {
        const std::uint32_t blockStart = firstPrefix_ + block * kPrefixesPerBlock;
        while (run + 1 < runStarts_.size() && runStarts_[run + 1] <= blockStart) {
            ++run;
        }
        blockFirstRuns_.push_back(run);
    }
    blockFirstRuns_.push_back(static_cast<std::uint32_t>(runStarts_.size() - 1));
}

PrefixRegionView PrefixTableRegionLookup::findPrefix(std::uint32_t prefix) const {
    if (prefix < firstPrefix_ || prefix >= endPrefix_ || runStarts_.empty()) {
        return {};
    }
    // The run that contains the prefix is the last one starting at or before it. It lies
    // between the runs that contain the first prefixes of this block and of the next.
    const std::size_t block = (prefix - firstPrefix_) / kPrefixesPerBlock;
    const auto first = runStarts_.begin() + blockFirstRuns_[block];
    const auto last = runStarts_.begin() + blockFirstRuns_[block + 1];
    const auto after = std::upper_bound(first, last + 1, prefix);
    const std::uint8_t index =
        runRegions_[static_cast<std::size_t>(after - runStarts_.begin()) - 1];
    const PrefixTableRegion& region = regions_[index];
    return {regionStatuses_[index], region.province, region.city};
}

PrefixRegionView PrefixTableRegionLookup::findRegion(std::string_view number) const {
    std::uint32_t prefix = 0;
    if (!parseMobilePrefix(number, prefix)) {
        return {MobileRegionStatus::invalid, {}, {}};
    }
    return findPrefix(prefix);
}

MobileRegion PrefixTableRegionLookup::lookup(std::string_view number) const {
    const PrefixRegionView found = findRegion(number);
    return {found.status, std::string(found.province), std::string(found.city)};
}

void PrefixTableRegionLookup::lookupInto(std::string_view number, MobileRegion& region) const {
    const PrefixRegionView found = findRegion(number);
    region.status = found.status;
    assignNonOverlapping(region.province, found.province);
    assignNonOverlapping(region.city, found.city);
}

} // namespace portal
