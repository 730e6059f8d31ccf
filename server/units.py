"""Unit information, its confirmation by the legal person, and agent management."""

from server import agents, api, auth, errors, insurance
from server.identifiers import mask_id_card_number, mask_mobile

UNIT_KINDS = ("legal_person", "agent")


def require_unit_user(portal, request, kinds=UNIT_KINDS):
    """Return the session of a legal person or agent; raise 403 for other users."""
    session = portal.auth.authenticate(request)
    if session.account["kind"] not in kinds:
        if kinds == ("legal_person",):
            raise errors.forbidden("仅单位法人可以办理此业务，请使用单位法人账号登录")
        if kinds == ("agent",):
            raise errors.forbidden("仅单位经办人可以办理此业务，请使用单位经办人账号登录")
        raise errors.forbidden("仅单位用户可以办理此业务，请使用单位法人或经办人账号登录")
    return session


def unit_json(connection, unit_id):
    unit = connection.execute("SELECT * FROM units WHERE id = ?", (unit_id,)).fetchone()
    registrations = insurance.registrations_by_type(connection, unit["credit_code"])
    mismatch = insurance.name_mismatch(registrations)
    return {
        "creditCode": unit["credit_code"],
        "name": unit["name"],
        "confirmed": unit["confirmed_at"] is not None,
        "nameConsistent": mismatch is None,
        "registrations": [
            {
                "insuranceType": insurance_type,
                "insuranceTypeName": type_name,
                "unitName": registrations[insurance_type]["unit_name"],
                "onlineDeclaration": bool(registrations[insurance_type]["online_declaration"]),
            }
            for insurance_type, type_name in insurance.INSURANCE_TYPES.items()
            if insurance_type in registrations
        ],
    }


def get_unit(portal, request):
    session = require_unit_user(portal, request)
    with portal.db.read() as connection:
        return {"unit": unit_json(connection, session.account["unit_id"])}


def confirm_unit(portal, request):
    """Confirm the unit's name; every insurance registration of the unit takes that name."""
    session = require_unit_user(portal, request, ("legal_person",))
    body = request.json_object()
    name = api.text_field(body, "name", "单位名称", max_length=100)
    unit_id = session.account["unit_id"]
    now = portal.clock.now()
    with portal.db.transaction() as connection:
        unit = connection.execute("SELECT * FROM units WHERE id = ?", (unit_id,)).fetchone()
        known_names = {unit["name"]} | {
            row["unit_name"] for row in insurance.registrations_by_type(
                connection, unit["credit_code"]).values()}
        if name not in known_names:
            raise errors.invalid_request(
                "单位名称须为经办机构登记的名称之一：" + "、".join(sorted(known_names))
                + "；如名称已变更，请到经办机构办理变更登记（字段 name）", field="name")
        connection.execute("UPDATE units SET name = ?, confirmed_at = ? WHERE id = ?",
                           (name, now, unit_id))
        connection.execute("UPDATE insurance_registrations SET unit_name = ? WHERE credit_code = ?",
                           (name, unit["credit_code"]))
        auth.audit(connection, now, session.account["id"], "unit_confirmed", f"unit={unit_id}")
        return {"unit": unit_json(connection, unit_id)}


def list_agents(portal, request):
    session = require_unit_user(portal, request, ("legal_person",))
    unit_id = session.account["unit_id"]
    with portal.db.read() as connection:
        credit_code = connection.execute("SELECT credit_code FROM units WHERE id = ?",
                                         (unit_id,)).fetchone()[0]
        accounts = {row["id_card_number"]: row for row in connection.execute(
            "SELECT * FROM accounts WHERE kind = 'agent' AND unit_id = ? ORDER BY id",
            (unit_id,))}
        designations = connection.execute(
            "SELECT * FROM designated_agents WHERE credit_code = ? ORDER BY id",
            (credit_code,)).fetchall()
    items = []
    for designation in designations:
        account = accounts.pop(designation["id_card_number"], None)
        if account is None:
            status = "not_opened"
        elif account["disabled_at"] is not None:
            status = "disabled"
        else:
            status = "active"
        items.append(_agent_item(designation, account, status))
    for account in accounts.values():
        items.append(_agent_item(account, account,
                                 "disabled" if account["disabled_at"] else "not_designated"))
    return {"items": items}


def _agent_item(person, account, status):
    return {
        "name": person["name"],
        "idCardNumber": mask_id_card_number(person["id_card_number"]),
        "mobile": mask_mobile(person["mobile"]),
        "username": account["username"] if account is not None else None,
        "status": status,
    }


def sync_agents(portal, request):
    session = require_unit_user(portal, request, ("legal_person",))
    results = agents.sync_agents(portal, session.account["unit_id"], session.account["id"])
    return {"results": results}


def register(router):
    router.add("GET", "/api/unit", get_unit)
    router.add("POST", "/api/unit/confirmation", confirm_unit)
    router.add("GET", "/api/unit/agents", list_agents)
    router.add("POST", "/api/unit/agents/sync", sync_agents)
