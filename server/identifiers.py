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


# GB/T 2260 province-level codes: the first two digits of an ID-card number.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82", "83",
})



# Normalisation of typed identifiers --------------------------------------------------------
#
# The front-end's validators and these functions accept and reject the same inputs; the
# cases in tests/vectors/*.tsv bind both. Findings that the front-end only warns about (an
# unknown county, a credit code's check character) are accepted here.

def fold_width(text):
    """Fold full-width ASCII forms and the ideographic space to ASCII, then strip spaces."""
    folded = []
    for char in text:
        code = ord(char)
        if 0xFF01 <= code <= 0xFF5E:
            folded.append(chr(code - 0xFEE0))
        elif code == 0x3000:
            folded.append(" ")
        else:
            folded.append(char)
    return "".join(folded).strip()


def _is_ascii_digit(char):
    return "0" <= char <= "9"


def normalize_credit_code(value):
    """Return (credit code, None) or (input, Chinese message of the blocking problem)."""
    code = fold_width(value).upper()
    if not code:
        return code, "请填写统一社会信用代码"
    for position, char in enumerate(code, start=1):
        if char not in CREDIT_CODE_CHARSET:
            return code, (f"统一社会信用代码第{position}位“{char}”无效：只能是数字或大写字母，"
                          "且不含I、O、Z、S、V")
    if len(code) != 18:
        return code, f"统一社会信用代码应为18位，当前为{len(code)}位"
    return code, None


def credit_code_check_hint(code):
    """Return a message naming a wrong check character of a well-formed code, or None."""
    organisation_check = organisation_code_check_char(code[8:16])
    if code[16] != organisation_check:
        return f"统一社会信用代码第17位（组织机构代码校验码）应为{organisation_check}"
    check = credit_code_check_char(code[:17])
    if code[17] != check:
        return f"统一社会信用代码第18位校验码应为{check}"
    return None


# Allocated mainland mobile segments by second digit: the allowed third digits.
# 140-144 carry 13-digit machine-to-machine numbers only.
_MOBILE_SEGMENTS = {
    "3": "0123456789", "4": "56789", "5": "012356789", "6": "2567", "7": "012345678",
    "8": "0123456789", "9": "012356789",
}
_SEPARATORS = set(" \t-()\u2212") | {chr(code) for code in range(0x2010, 0x2016)}


def normalize_mobile(value):
    """Return (11-digit number, None) or (input, Chinese message of the blocking problem).

    Accepts spaces, dashes and brackets between digit groups and the country
    code +86, 0086 or 86.
    """
    text = fold_width(value)
    digits = []
    had_plus = False
    for position, char in enumerate(text, start=1):
        if _is_ascii_digit(char):
            digits.append(char)
        elif char in _SEPARATORS or char.isspace():
            continue
        elif char == "+" and not digits and not had_plus:
            had_plus = True
        else:
            return text, f"手机号码第{position}位“{char}”不是数字，请只输入手机号码"
    number = "".join(digits)
    if not number:
        return text, "请填写手机号码"
    if had_plus:
        if not number.startswith("86"):
            return text, "仅支持中国大陆手机号码（国家代码 +86）"
        number = number[2:]
    elif number.startswith("0086"):
        number = number[4:]
    elif number.startswith("00"):
        return text, "仅支持中国大陆手机号码（国家代码 +86）"
    elif len(number) == 13 and number.startswith("861"):
        number = number[2:]
    if len(number) != 11:
        return number, f"手机号码应为11位数字，当前为{len(number)}位"
    if number[0] != "1":
        return number, f"手机号码应以1开头，第1位是{number[0]}"
    if number[2] not in _MOBILE_SEGMENTS.get(number[1], ""):
        return number, f"号段{number[:3]}不是已分配的手机号段，请核对前3位"
    return number, None


# Prefixes of the residence permits for Hong Kong, Macao and Taiwan residents.
_PERMIT_PREFIXES = {"81": "810000", "82": "820000", "83": "830000"}
_LEGACY_FOREIGN_CARD = re.compile(r"^[A-Z]{3}\d{12}$")


def normalize_id_card_number(value, today):
    """Return (number, None) or (input, Chinese message of the blocking problem).

    Accepted forms: resident ID-card numbers, the residence permits of Hong Kong,
    Macao and Taiwan residents (prefixes 810000, 820000, 830000), and the
    foreigner's permanent residence card (9, province, country code). The legacy
    15-character foreigner's card is accepted as it is. Legacy 15-digit numbers
    are converted to 18 digits. today is a datetime.date for the birth-date check.
    """
    number = fold_width(value).upper()
    if not number:
        return number, "请填写身份证号码"
    if number[:3].isalpha() and number[:3].isascii():
        if _LEGACY_FOREIGN_CARD.match(number):
            return number, None
        for position, char in enumerate(number[3:], start=4):
            if not _is_ascii_digit(char):
                return number, f"证件号码第{position}位“{char}”无效：前3位字母之后只能是数字"
        return number, f"外国人永久居留证号码应为15位，当前为{len(number)}位"
    for position, char in enumerate(number, start=1):
        last = position == len(number) and len(number) == 18
        if not _is_ascii_digit(char) and not (last and char == "X"):
            return number, f"身份证号码第{position}位“{char}”无效：只能是数字，第18位可以是X"
    if len(number) == 15:
        # A legacy number omits the century (always 19) and has no check character. Only
        # mainland residents had one, so the permits' codes 81-83 are no province here.
        if number[:2] in _PERMIT_PREFIXES:
            return number, (f"身份证号码第1-2位“{number[:2]}”是港澳台居民居住证的代码，"
                            "15位旧号码只属于内地居民")
        body = number[:6] + "19" + number[6:]
        number = body + id_card_check_char(body)
    if len(number) != 18:
        return number, f"身份证号码应为18位，当前为{len(number)}位"
    province = number[1:3] if number[0] == "9" else number[:2]
    if province not in PROVINCE_CODES:
        return number, f"身份证号码中的省级行政区划代码“{province}”不存在"
    permit_prefix = _PERMIT_PREFIXES.get(number[:2])
    if permit_prefix is not None and number[:6] != permit_prefix:
        return number, f"港澳台居民居住证号码前6位应为{permit_prefix}"
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return number, f"身份证号码第7至14位“{number[6:14]}”不是有效的出生日期"
    if birth > today:
        return number, f"身份证号码中的出生日期{birth:%Y-%m-%d}晚于今天"
    check = id_card_check_char(number[:17])
    if number[17] != check:
        return number, f"身份证号码第18位校验码应为{check}"
    return number, None
