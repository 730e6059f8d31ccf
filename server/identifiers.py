"""Check characters and masks for the identifiers the portal handles.

ID-card numbers follow GB 11643-1999: 17 digits and a mod-11 check character.
Unified social credit codes (credit codes) follow GB 32100-2015: 18 characters
from a 31-character set with a weighted mod-31 check character, and the
organisation code in positions 9-17 carries its own GB 11714 check character.
"""

import datetime
import re

ID_CARD_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CARD_CHECK_CHARS = "10X98765432"

# GB 32100-2015 leaves out I, O, Z, S and V so they cannot be misread as digits.
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

_ID_CARD_PATTERN = re.compile(r"^\d{17}[\dX]$")
_CREDIT_CODE_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
_MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")


def id_card_check_char(first17):
    """Return the GB 11643 check character for the first 17 digits."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_CARD_WEIGHTS))
    return ID_CARD_CHECK_CHARS[total % 11]


def is_valid_id_card_number(value):
    """Return True for an 18-character ID-card number whose check character matches."""
    if not isinstance(value, str) or not _ID_CARD_PATTERN.match(value):
        return False
    return id_card_check_char(value[:17]) == value[17]


def organisation_code_check_char(first8):
    """Return the GB 11714 check character for an 8-character organisation code."""
    total = sum(_organisation_char_value(char) * weight
                for char, weight in zip(first8, ORGANISATION_CODE_WEIGHTS))
    check = 11 - total % 11
    if check == 10:
        return "X"
    if check == 11:
        return "0"
    return str(check)


def _organisation_char_value(char):
    # GB 11714 maps digits to themselves and letters A-Z to 10-35.
    if char.isdigit():
        return int(char)
    return ord(char) - ord("A") + 10


def credit_code_check_char(first17):
    """Return the GB 32100 check character for the first 17 characters."""
    total = sum(CREDIT_CODE_CHARSET.index(char) * weight
                for char, weight in zip(first17, CREDIT_CODE_WEIGHTS))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def is_valid_credit_code(value):
    """Return True for a credit code whose own and embedded check characters match."""
    if not isinstance(value, str) or not _CREDIT_CODE_PATTERN.match(value):
        return False
    if credit_code_check_char(value[:17]) != value[17]:
        return False
    return organisation_code_check_char(value[8:16]) == value[16]


def is_mobile_number(value):
    """Return True for an 11-digit mainland mobile number."""
    return isinstance(value, str) and bool(_MOBILE_PATTERN.match(value))


def mask_id_card_number(value):
    """Mask an ID-card number as 3501**********1234."""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_mobile(value):
    """Mask a mobile number as 138****5678."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


_ID_CARD_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_personal_numbers(text):
    """Mask every ID-card and mobile number that appears in free text, such as a logged path."""
    text = _ID_CARD_IN_TEXT.sub(lambda match: match.group(1) + "*" * 10 + match.group(2), text)
    return _MOBILE_IN_TEXT.sub(lambda match: match.group(1) + "****" + match.group(2), text)


def credit_code_problem(value):
    """Return a Chinese message saying what is wrong with a credit code, or None if valid.

    The message names the position, such as "第18位校验码应为D".
    """
    if len(value) != 18:
        return f"统一社会信用代码应为18位，当前为{len(value)}位"
    for position, char in enumerate(value, start=1):
        if char not in CREDIT_CODE_CHARSET:
            return (f"统一社会信用代码第{position}位“{char}”无效：只能是数字或大写字母，"
                    "且不含I、O、Z、S、V")
    organisation_check = organisation_code_check_char(value[8:16])
    if value[16] != organisation_check:
        return f"统一社会信用代码第17位（组织机构代码校验码）应为{organisation_check}"
    check = credit_code_check_char(value[:17])
    if value[17] != check:
        return f"统一社会信用代码第18位校验码应为{check}"
    return None


# GB/T 2260 province-level codes: the first two digits of an ID-card number.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82",
})


def id_card_problem(value, today):
    """Return a Chinese message saying what is wrong with an ID-card number, or None.

    today is a datetime.date; birth dates after it are rejected. Only the
    18-character form is accepted.
    """
    if len(value) != 18:
        return f"身份证号码应为18位，当前为{len(value)}位"
    for position, char in enumerate(value[:17], start=1):
        if not char.isdigit() or not char.isascii():
            return f"身份证号码第{position}位“{char}”无效：前17位只能是数字"
    if value[17] not in "0123456789X":
        return f"身份证号码第18位“{value[17]}”无效：只能是数字或大写字母X"
    if value[:2] not in PROVINCE_CODES:
        return f"身份证号码前2位“{value[:2]}”不是有效的省级行政区划代码"
    try:
        birth = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return f"身份证号码第7至14位“{value[6:14]}”不是有效的出生日期"
    if birth > today or birth.year < 1900:
        return f"身份证号码第7至14位的出生日期{birth:%Y-%m-%d}不在有效范围内"
    check = id_card_check_char(value[:17])
    if value[17] != check:
        return f"身份证号码第18位校验码应为{check}"
    return None
