// Mobile number regions read from the binary prefix table that tools/phone_prefix_gen generates
// at build time (build/generated/phone_prefixes.bin). The browser downloads the same file, and
// server/phone_regions.py reads it too, so the format below is the contract between all three.
//
// Content: for every 7-digit prefix (the first 7 digits of an 11-digit number) from the first
// prefix on, the region it is registered in: a Fujian prefecture, another province (named,
// without city), or no known region.
//
// Format, version 1. Integers marked varint are unsigned LEB128: 7 bits per byte, least
// significant group first, the high bit set on every byte except the last, at most 5 bytes.
//
//   magic          4 bytes  "MPRT"
//   version        1 byte   1
//   source label   varint byte length, then UTF-8 text naming the data, e.g.
//                           "libphonenumber 8.12.57+ds-3"
//   first prefix   varint   1300000
//   prefix count   varint   700000; the table covers first .. first + count - 1, and the last
//                           prefix must not exceed 1999999
//   region count   1 byte   R, 0 to 255
//   R regions      province: varint byte length (1-64), then UTF-8
//                  city: varint byte length (0-64), then UTF-8; empty outside Fujian
//   run count      varint   N
//   N runs         varint   run length minus 1, so a run covers at least one prefix
//                  1 byte   region: 0 for no known region, k for the k-th region (1-based)
//   checksum       4 bytes  CRC-32 (IEEE 802.3, the one zlib computes) of every byte before
//                           it, little-endian
//
// Runs follow each other without gaps and their lengths add up to the prefix count exactly.
// Nothing may follow the checksum. A region whose province is 福建省 is Fujian.
#pragma once

#include "core/mobile.h"
#include "core/result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portal {

// Province name that marks a region as Fujian in the table.
inline constexpr std::string_view kFujianProvinceName = "福建省";

// The first four bytes of a prefix table file.
inline constexpr std::string_view kPrefixTableMagic = "MPRT";
inline constexpr std::uint8_t kPrefixTableVersion = 1;

// Limits that the parser enforces.
inline constexpr std::size_t kMaxPrefixTableRegions = 255;
inline constexpr std::size_t kMaxRegionNameBytes = 64;
inline constexpr std::size_t kMaxSourceLabelBytes = 256;

// A region of the table: province-level name and, in Fujian, the prefecture.
struct PrefixTableRegion {
    std::string province;
    std::string city;
};

// Consecutive prefixes with the same region. `region` is 0 for no known region, otherwise the
// 1-based index into PrefixTableContents::regions.
struct PrefixTableRun {
    std::uint32_t length = 0;
    std::uint8_t region = 0;
};

// Everything a prefix table file stores, as the generator builds it and the tests write it.
struct PrefixTableContents {
    std::string sourceLabel;
    std::uint32_t firstPrefix = 1300000;
    std::uint32_t prefixCount = 700000;
    std::vector<PrefixTableRegion> regions;
    std::vector<PrefixTableRun> runs;
};

// Encodes `contents` in the file format above, checksum included. It writes the values as
// given, so contents that break the format's rules produce a file that parse() rejects. The
// region count and run regions are truncated to 1 byte.
std::string encodePrefixTable(const PrefixTableContents& contents);

// Computes the CRC-32 that closes a prefix table file (IEEE 802.3, as zlib's crc32()).
std::uint32_t computeCrc32(std::string_view bytes);

// A region found in the table, pointing into the table's own strings (no allocation). The
// views stay valid as long as the table they came from.
struct PrefixRegionView {
    MobileRegionStatus status = MobileRegionStatus::unknown;
    std::string_view province;
    std::string_view city;
};

// Region lookup backed by the prefix table file.
class PrefixTableRegionLookup : public MobileRegionLookup {
public:
    // Parses a table file. Never throws (allocation failure aside) and never reads outside
    // `bytes`: a truncated, corrupt or unsupported file returns an Error that names the problem
    // and its byte offset.
    static Result<PrefixTableRegionLookup> parse(std::string_view bytes);

    // Looks up the number's 7-digit prefix: fujian or other_province when the table names a
    // region, unknown when it does not or the prefix lies outside the table, and invalid
    // unless `number` is 11 ASCII digits starting with 1.
    MobileRegion lookup(std::string_view number) const override;

    // Looks up as lookup() does, writing the names over the strings of `region`.
    void lookupInto(std::string_view number, MobileRegion& region) const override;

    // Looks up as lookup() does, without copying the names.
    PrefixRegionView findRegion(std::string_view number) const;

    // Returns the region of a 7-digit prefix such as 1395910.
    PrefixRegionView findPrefix(std::uint32_t prefix) const;

    // Returns the number of runs read, those without a region included.
    std::size_t runCount() const { return runStarts_.size(); }

    // Returns the number of distinct regions in the table.
    std::size_t regionCount() const { return regions_.size() - 1; }

    // Returns the label naming the data the table was generated from.
    const std::string& sourceLabel() const { return sourceLabel_; }

private:
    std::string sourceLabel_;
    std::uint32_t firstPrefix_ = 0;
    std::uint32_t endPrefix_ = 0; // one past the last prefix covered
    // Indexed as in the file: entry 0 is the empty region of prefixes without one.
    std::vector<PrefixTableRegion> regions_{1};
    std::vector<MobileRegionStatus> regionStatuses_{MobileRegionStatus::unknown};
    // Parallel arrays sorted by start: the first prefix of each run and its region index. They
    // are kept apart so that the binary search reads only the starts.
    std::vector<std::uint32_t> runStarts_;
    std::vector<std::uint8_t> runRegions_;
    // For each block of kPrefixesPerBlock prefixes from firstPrefix_, the index of the run that
    // contains the block's first prefix, followed by the index of the last run. A lookup
    // searches only the runs between its block's entry and the next one.
    std::vector<std::uint32_t> blockFirstRuns_;

    static constexpr std::uint32_t kPrefixesPerBlock = 1000;

    // Fills blockFirstRuns_ from the runs.
    void indexBlocks();
};

} // namespace portal
