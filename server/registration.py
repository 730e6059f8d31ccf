"""Registration of persons and of units (by their legal person)."""

import re
import sqlite3

from server import api, auth, clock, errors, passwords, sms
from server.identifiers import (credit_code_check_hint, normalize_credit_code,
                                normalize_id_card_number)

# Usernames start with a letter, so they never look like a mobile or ID-card number.
_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,19}$")
# The Han ideographs a name may use: CJK Extension A, the Unified Ideographs, the compatibility
# ideographs and Extensions B to G, because rare characters of names lie outside U+4E00-U+9FFF.
# isHanCharacter in src/core/text_normalize.cpp lists the same ranges.
_HAN = ("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
        "\U00020000-\U0002ebef\U00030000-\U0003134f")
# Chinese names, with the middle dot of minority and foreign names, or Latin letters.
_PERSON_NAME = re.compile(rf"^[{_HAN}·]{{2,30}}$|^[A-Za-z][A-Za-z .·-]{{1,59}}$")


def username_field(body):
    username = api.text_field(body, "username", "用户名", max_length=40)
    if not _USERNAME.match(username):
        raise errors.invalid_request(
            "用户名应为4至20位字母、数字或下划线，并以字母开头（字段 username）", field="username")
    return username


def person_name_field(body, name="name"):
    value = api.text_field(body, name, "姓名", max_length=60)
    if not _PERSON_NAME.match(value):
        raise errors.invalid_request(
            f"姓名格式不正确：应为2至30个汉字（可含“·”）或英文字母（字段 {name}）", field=name)
    return value


def id_card_field(portal, body, name="idCardNumber"):
    """Return body[name] as a normalised ID-card number or raise ApiError 400."""
    today = clock.to_datetime(portal.clock.now()).date()
    value, problem = normalize_id_card_number(
        api.text_field(body, name, "身份证号码", max_length=40), today)
    if problem is not None:
        raise errors.invalid_request(f"{problem}（字段 {name}）", field=name)
    return value


def credit_code_field(body, name="creditCode"):
    """Return body[name] as a normalised credit code or raise ApiError 400.

    A wrong check character is accepted, as the front-end only warns about it;
    the code must still match a registration at the agency.
    """
    value, problem = normalize_credit_code(
        api.text_field(body, name, "统一社会信用代码", max_length=40))
    if problem is not None:
        raise errors.invalid_request(f"{problem}（字段 {name}）", field=name)
    return value


def new_password_field(body, name="password"):
    value = api.text_field(body, name, "密码", strip=False)
    violation = passwords.password_policy_violation(value)
    if violation is not None:
        raise errors.ApiError(400, "weak_password", violation, field=name)
    return value


def _conflict_of(connection, kind, username, id_card_number, mobile):
    """Return the ApiError for the first identifier already in use by an account of kind."""
    if connection.execute("SELECT 1 FROM accounts WHERE kind = ? AND username = ?",
                          (kind, username)).fetchone():
        return errors.conflict("username_taken", "该用户名已被使用，请换一个用户名",
                               field="username")
    if kind != "person":
        return None
    if connection.execute("SELECT 1 FROM accounts WHERE kind = 'person' AND id_card_number = ?",
                          (id_card_number,)).fetchone():
        return errors.conflict("id_card_registered",
                               "该身份证号码已注册，请直接登录；如忘记密码请使用短信验证码登录",
                               field="idCardNumber")
    if connection.execute("SELECT 1 FROM accounts WHERE kind = 'person' AND mobile = ?",
                          (mobile,)).fetchone():
        return errors.conflict("mobile_registered", "该手机号码已被其他账号使用，请更换手机号码",
                               field="mobile")
    return None


def register_person(portal, request):
    body = request.json_object()
    username = username_field(body)
    name = person_name_field(body)
    id_card_number = id_card_field(portal, body)
    mobile = sms.mobile_field(body)
    code = sms.sms_code_field(body)
    password = new_password_field(body)
    with portal.db.read() as connection:
        conflict = _conflict_of(connection, "person", username, id_card_number, mobile)
    if conflict is not None:
        raise conflict
    portal.sms.verify(mobile, "register", code)

    password_hash = portal.hasher.hash(password)
    now = portal.clock.now()
    try:
        with portal.db.transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO accounts (kind, username, name, id_card_number, mobile,"
                " password_hash, created_at) VALUES ('person', ?, ?, ?, ?, ?, ?)",
                (username, name, id_card_number, mobile, password_hash, now))
            account = connection.execute("SELECT * FROM accounts WHERE id = ?",
                                         (cursor.lastrowid,)).fetchone()
            auth.audit(connection, now, account["id"], "person_registered")
            user = auth.user_json(connection, account)
    except sqlite3.IntegrityError:
        # Another request registered the same identifier after the check above.
        raise errors.conflict("account_exists", "该用户名、身份证号码或手机号码已注册") from None
    return 201, {"user": user}


def register_unit(portal, request):
    body = request.json_object()
    credit_code = credit_code_field(body)
    unit_name = api.text_field(body, "unitName", "单位名称", max_length=100)
    username = username_field(body)
    name = person_name_field(body)
    id_card_number = id_card_field(portal, body)
    mobile = sms.mobile_field(body)
    code = sms.sms_code_field(body)
    password = new_password_field(body)

    with portal.db.read() as connection:
        registered = connection.execute(
            "SELECT 1 FROM insurance_registrations WHERE credit_code = ?",
            (credit_code,)).fetchone()
        online = connection.execute("SELECT 1 FROM units WHERE credit_code = ?",
                                    (credit_code,)).fetchone()
        conflict = _conflict_of(connection, "legal_person", username, id_card_number, mobile)
    if not registered:
        hint = credit_code_check_hint(credit_code)
        raise errors.ApiError(
            422, "unit_not_insured",
            "经办机构没有该统一社会信用代码的单位参保登记，请核对代码"
            + (f"（{hint}）" if hint else "") + "，或先到经办机构办理单位参保登记",
            field="creditCode")
    if online:
        raise errors.conflict("unit_registered",
                              "该单位已注册，请单位法人直接登录；如需变更法人请到经办机构办理",
                              field="creditCode")
    if conflict is not None:
        raise conflict
    portal.sms.verify(mobile, "register", code)

    password_hash = portal.hasher.hash(password)
    now = portal.clock.now()
    try:
        with portal.db.transaction() as connection:
            unit_id = connection.execute(
                "INSERT INTO units (credit_code, name, created_at) VALUES (?, ?, ?)",
                (credit_code, unit_name, now)).lastrowid
            account_id = connection.execute(
                "INSERT INTO accounts (kind, username, name, id_card_number, mobile, unit_id,"
                " password_hash, created_at) VALUES ('legal_person', ?, ?, ?, ?, ?, ?, ?)",
                (username, name, id_card_number, mobile, unit_id, password_hash, now)).lastrowid
            account = connection.execute("SELECT * FROM accounts WHERE id = ?",
                                         (account_id,)).fetchone()
            auth.audit(connection, now, account_id, "unit_registered", f"unit={unit_id}")
            user = auth.user_json(connection, account)
    except sqlite3.IntegrityError:
        raise errors.conflict("unit_registered", "该单位或用户名已注册") from None
    return 201, {"user": user}


def register(router):
    router.add("POST", "/api/persons", register_person)
    router.add("POST", "/api/units", register_unit)
