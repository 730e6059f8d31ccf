"""The session endpoints: logins of the three user kinds, the current session, logout and
password changes."""

from server import api, auth, clock, errors, passwords, sms
from server.identifiers import (credit_code_check_hint, fold_width, normalize_id_card_number,
                                normalize_mobile)
from server.registration import credit_code_field

# The first method of each kind is the one the front-end sends; the others are aliases.
LOGIN_METHODS = {
    "person": ("password", "sms"),
    # All three select the same two-factor login: username, mobile, SMS code and password.
    "legal_person": ("sms_password", "password", "sms"),
    # "password" and "username" both mean username and password.
    "agent": ("password", "username", "credit_code"),
}


def create_session(portal, request):
    portal.rate_limiter.check_login_address(request.client_address)
    body = request.json_object()
    kind = api.choice_field(body, "kind", "用户类型", auth.USER_KINDS)
    method = api.text_field(body, "method", "登录方式")
    if method not in LOGIN_METHODS[kind]:
        raise errors.invalid_request(
            f"不支持的登录方式：{method}，{kind} 可用的登录方式：{'、'.join(LOGIN_METHODS[kind])}"
            "（字段 method）", field="method")
    if kind == "person" and method == "password":
        return _login_person_with_password(portal, body)
    if kind == "person":
        return _login_person_with_sms(portal, body)
    if kind == "legal_person":
        return _login_legal_person(portal, body)
    if method == "credit_code":
        return _login_agent_with_credit_code(portal, body)
    return _login_agent_with_username(portal, body)


def _find_account(portal, condition, parameters):
    with portal.db.read() as connection:
        return connection.execute(
            f"SELECT * FROM accounts WHERE disabled_at IS NULL AND {condition}",
            parameters).fetchone()


def _login_person_with_password(portal, body):
    identifier = fold_width(api.text_field(body, "account", "账号（用户名、身份证号码或手机号码）"))
    password = api.text_field(body, "password", "密码", strip=False)
    # The same typed forms as in registration: full-width digits, a lower-case x, +86.
    today = clock.to_datetime(portal.clock.now()).date()
    id_card_number, id_problem = normalize_id_card_number(identifier, today)
    mobile, mobile_problem = normalize_mobile(identifier)
    account = _find_account(
        portal, "kind = 'person' AND (username = ? OR id_card_number = ? OR mobile = ?)",
        (identifier, id_card_number if id_problem is None else None,
         mobile if mobile_problem is None else None))
    # Failures of unknown identifiers are counted under one spelling of each.
    canonical = id_card_number if id_problem is None else (
        mobile if mobile_problem is None else identifier)
    portal.auth.check_password("person", canonical, account, password)
    return _session_created(portal, account)


def _login_person_with_sms(portal, body):
    mobile = sms.mobile_field(body)
    code = sms.sms_code_field(body)
    account = _find_account(portal, "kind = 'person' AND mobile = ?", (mobile,))
    if account is not None:
        portal.rate_limiter.check_login_account(f"account:{account['id']}")
    else:
        portal.rate_limiter.check_login_account(f"person:{auth.identifier_digest(mobile)}")
    portal.sms.verify(mobile, "login", code)
    if account is None:
        # Numbers without an account were never sent the code, so a match is a lucky guess.
        raise errors.ApiError(400, "sms_code_expired", "验证码已失效，请重新获取验证码",
                              field="smsCode")
    return _session_created(portal, account)


def _login_legal_person(portal, body):
    username = api.text_field(body, "account", "用户名")
    mobile = sms.mobile_field(body)
    code = sms.sms_code_field(body)
    password = api.text_field(body, "password", "密码", strip=False)
    account = _find_account(portal, "kind = 'legal_person' AND username = ?", (username,))
    mobile_matches = account is not None and account["mobile"] == mobile
    # The password is checked first, so a wrong password does not use up the SMS code.
    portal.auth.check_password("legal_person", username, account, password, mobile_matches)
    portal.sms.verify(mobile, "login", code)
    return _session_created(portal, account)


def _login_agent_with_username(portal, body):
    username = api.text_field(body, "account", "用户名")
    password = api.text_field(body, "password", "密码", strip=False)
    account = _find_account(portal, "kind = 'agent' AND username = ?", (username,))
    portal.auth.check_password("agent", username, account, password)
    return _agent_session(portal, account)


def _login_agent_with_credit_code(portal, body):
    credit_code = credit_code_field(body, "account")
    password = api.text_field(body, "password", "密码", strip=False)
    mobile = api.text_field(body, "mobile", "经办人手机号码", required=False, max_length=40)
    if mobile is not None:
        mobile = normalize_mobile(mobile)[0]
    with portal.db.read() as connection:
        agents = connection.execute(
            "SELECT a.* FROM accounts a JOIN units u ON u.id = a.unit_id"
            " WHERE u.credit_code = ? AND a.kind = 'agent' AND a.disabled_at IS NULL"
            " ORDER BY a.id", (credit_code,)).fetchall()
    if not agents:
        hint = credit_code_check_hint(credit_code)
        raise errors.ApiError(
            401, "unit_user_not_found",
            "未找到该统一社会信用代码的单位经办人账号：可能是统一社会信用代码填写有误"
            + (f"（{hint}）" if hint else "")
            + "，也可能是单位用户不存在（单位尚未开通网报）。请核对代码，或请单位法人登录后"
            "执行“单位网报开通/校验”", field="account")
    if mobile is None and len(agents) > 1:
        raise errors.ApiError(
            400, "agent_mobile_required",
            "该单位有多名经办人，请同时填写您在经办机构登记的手机号码", field="mobile")
    if mobile is None:
        account = agents[0]
    else:
        account = next((agent for agent in agents if agent["mobile"] == mobile), None)
    portal.auth.check_password("agent", f"{credit_code}:{mobile}", account, password)
    return _agent_session(portal, account)


def _agent_session(portal, account):
    scope = "set_password" if account["must_set_password"] else "full"
    return _session_created(portal, account, scope)


def _session_created(portal, account, scope="full"):
    token = portal.auth.start_session(account, scope)
    with portal.db.read() as connection:
        user = auth.user_json(connection, account)
    body = {"token": token, "expiresInSeconds": auth.SESSION_IDLE_SECONDS, "user": user}
    if scope == "set_password":
        body["mustSetPassword"] = True
    return body


def get_session(portal, request):
    session = portal.auth.authenticate(request, scopes=("full", "set_password"))
    with portal.db.read() as connection:
        user = auth.user_json(connection, session.account)
    body = {"user": user, "expiresInSeconds": session.expires_at - portal.clock.now()}
    if session.scope == "set_password":
        body["mustSetPassword"] = True
    return body


def delete_session(portal, request):
    portal.auth.end_session(request)
    return {"ok": True}


def change_password(portal, request):
    """Set a new password: the first one after an agent's initial password, or a change
    that needs the current password."""
    session = portal.auth.authenticate(request, scopes=("full", "set_password"))
    body = request.json_object()
    account = session.account
    new_password = api.text_field(body, "newPassword", "新密码", strip=False)
    if session.scope == "full":
        current = api.text_field(body, "currentPassword", "当前密码", strip=False)
        portal.auth.check_password(account["kind"], account["username"] or "", account, current)
    violation = passwords.password_policy_violation(new_password)
    if violation is not None:
        raise errors.ApiError(400, "weak_password", violation, field="newPassword")
    if portal.hasher.verify(new_password, account["password_hash"]):
        raise errors.ApiError(400, "weak_password", "新密码不能与原密码相同",
                              field="newPassword")
    new_hash = portal.hasher.hash(new_password)
    now = portal.clock.now()
    with portal.db.transaction() as connection:
        connection.execute(
            "UPDATE accounts SET password_hash = ?, must_set_password = 0 WHERE id = ?",
            (new_hash, account["id"]))
        # Other sessions of the account end, and this one gets full rights.
        connection.execute("DELETE FROM sessions WHERE account_id = ? AND token_digest != ?",
                           (account["id"], session.token_digest))
        connection.execute("UPDATE sessions SET scope = 'full' WHERE token_digest = ?",
                           (session.token_digest,))
        auth.audit(connection, now, account["id"], "password_changed")
        user = auth.user_json(connection, account)
    return {"ok": True, "user": user, "expiresInSeconds": auth.SESSION_IDLE_SECONDS}


def register(router):
    router.add("POST", "/api/sessions", create_session)
    router.add("GET", "/api/session", get_session)
    router.add("DELETE", "/api/session", delete_session)
    router.add("POST", "/api/session/password", change_password)
