"""Province lookup of mobile numbers by their first seven digits.

Every province check in the server goes through province_of_mobile(), so the
built-in table below can be replaced by a complete prefix table in one place.
"""

import re

FUJIAN = "福建"

# China Mobile's 138 and 139 numbers of the form 13X 059N carry the Fujian long-distance
# area codes 0591 (Fuzhou) to 0599 (Nanping) in digits 4 to 7.
# NOTE: this covers only those 18 prefixes, so Fujian numbers of other blocks (such as
# 135, 150 or 189) are rejected until a complete prefix table replaces it.
_BUILT_IN_FUJIAN_PREFIXES = frozenset(
    f"{block}059{area}" for block in ("138", "139") for area in range(1, 10))

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def province_of_mobile(mobile):
    """Return the province name of an 11-digit mobile number, or None when unknown."""
    if not _MOBILE.match(mobile):
        return None
    if mobile[:7] in _BUILT_IN_FUJIAN_PREFIXES:
        return FUJIAN
    return None


def is_fujian_mobile(mobile):
    return province_of_mobile(mobile) == FUJIAN
