"""Agent accounts: the legal person's sync ("单位网报开通/校验") turns the agents that the
unit designated at the service window into online agent accounts."""

import secrets
import string

from server import auth
from server.identifiers import mask_id_card_number, mask_mobile

# Initial passwords are sent by SMS and must be replaced at the first login.
INITIAL_PASSWORD_LENGTH = 10
_PASSWORD_CLASSES = (string.ascii_uppercase.replace("O", "").replace("I", ""),
                     string.ascii_lowercase.replace("l", "").replace("o", ""),
                     "23456789", "@#$%&*")


def generate_initial_password():
    """Return a random password with all four character classes and no look-alike letters."""
    characters = [secrets.choice(chars) for chars in _PASSWORD_CLASSES]
    alphabet = "".join(_PASSWORD_CLASSES)
    characters += [secrets.choice(alphabet)
                   for _ in range(INITIAL_PASSWORD_LENGTH - len(characters))]
    secrets.SystemRandom().shuffle(characters)
    return "".join(characters)


def sync_agents(portal, unit_id, actor_account_id):
    """Bring the unit's agent accounts in line with its window designations.

    New designations get an account named after the unit's organisation code
    (credit code positions 9 to 16, lower case) and a two-digit number, such as
    ma2y3k7d01, and an initial password sent by SMS. Changed names or numbers are updated, and accounts
    whose designation was withdrawn are disabled. Returns one result per agent.
    """
    now = portal.clock.now()
    # Hash outside the database lock; unused hashes are simply dropped.
    with portal.db.read() as connection:
        unit = connection.execute("SELECT * FROM units WHERE id = ?", (unit_id,)).fetchone()
        designations = connection.execute(
            "SELECT * FROM designated_agents WHERE credit_code = ? ORDER BY id",
            (unit["credit_code"],)).fetchall()
    initial_passwords = {row["id_card_number"]: generate_initial_password()
                         for row in designations}
    initial_hashes = {number: portal.hasher.hash(password)
                      for number, password in initial_passwords.items()}

    results = []
    with portal.db.transaction() as connection:
        existing = {row["id_card_number"]: row for row in connection.execute(
            "SELECT * FROM accounts WHERE kind = 'agent' AND unit_id = ?", (unit_id,))}
        for designation in designations:
            number = designation["id_card_number"]
            account = existing.pop(number, None)
            if account is None:
                result = _create_agent(portal, connection, now, unit_id, designation,
                                       initial_passwords[number], initial_hashes[number])
            else:
                result = _update_agent(connection, account, designation)
            results.append(result)
        for account in existing.values():
            results.append(_disable_agent(connection, now, account))
        counts = {outcome: sum(1 for r in results if r["result"] == outcome)
                  for outcome in ("created", "updated", "unchanged", "disabled")}
        auth.audit(connection, now, actor_account_id, "agents_synced",
                   f"unit={unit_id} " + " ".join(f"{k}={v}" for k, v in counts.items()))
    return results


def _agent_result(account_like, username, result, message):
    return {
        "name": account_like["name"],
        "idCardNumber": mask_id_card_number(account_like["id_card_number"]),
        "mobile": mask_mobile(account_like["mobile"]),
        "username": username,
        "result": result,
        "message": message,
    }


def _free_username(connection, credit_code):
    stem = credit_code[8:16].lower()
    number = 1
    while connection.execute("SELECT 1 FROM accounts WHERE kind = 'agent' AND username = ?",
                             (f"{stem}{number:02d}",)).fetchone():
        number += 1
    return f"{stem}{number:02d}"


def _create_agent(portal, connection, now, unit_id, designation, password, password_hash):
    username = _free_username(connection, designation["credit_code"])
    connection.execute(
        "INSERT INTO accounts (kind, username, name, id_card_number, mobile, unit_id,"
        " password_hash, must_set_password, created_at)"
        " VALUES ('agent', ?, ?, ?, ?, ?, ?, 1, ?)",
        (username, designation["name"], designation["id_card_number"], designation["mobile"],
         unit_id, password_hash, now))
    portal.sms_gateway.send(
        connection, now, designation["mobile"], "initial_password",
        f"【福建12333】您已开通单位网报经办人账号，用户名{username}，初始密码{password}，"
        "首次登录须修改密码。")
    return _agent_result(designation, username, "created",
                         f"已开通经办人账号，初始密码已通过短信发送至{mask_mobile(designation['mobile'])}")


def _update_agent(connection, account, designation):
    if account["name"] == designation["name"] and account["mobile"] == designation["mobile"] \
            and account["disabled_at"] is None:
        return _agent_result(account, account["username"], "unchanged", "经办人信息无变化")
    connection.execute(
        "UPDATE accounts SET name = ?, mobile = ?, disabled_at = NULL WHERE id = ?",
        (designation["name"], designation["mobile"], account["id"]))
    return _agent_result(designation, account["username"], "updated",
                         "已按经办机构登记信息更新经办人姓名、手机号码")


def _disable_agent(connection, now, account):
    if account["disabled_at"] is not None:
        return _agent_result(account, account["username"], "disabled", "经办人账号已停用")
    connection.execute("UPDATE accounts SET disabled_at = ? WHERE id = ?", (now, account["id"]))
    connection.execute("DELETE FROM sessions WHERE account_id = ?", (account["id"],))
    return _agent_result(account, account["username"], "disabled",
                         "经办机构已取消该经办人，账号已停用")

