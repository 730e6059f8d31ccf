"""The agent's insurance-type permissions and opening the multi-insurance platform."""

from server import auth, errors, insurance
from server.units import require_unit_user


def _permissions(connection, account):
    credit_code = connection.execute("SELECT credit_code FROM units WHERE id = ?",
                                     (account["unit_id"],)).fetchone()[0]
    registrations = insurance.registrations_by_type(connection, credit_code)
    opened = {row["insurance_type"] for row in connection.execute(
        "SELECT insurance_type FROM agent_insurance_types WHERE account_id = ?",
        (account["id"],))}
    items = []
    for insurance_type, type_name in insurance.INSURANCE_TYPES.items():
        reason = insurance.agent_permission(registrations.get(insurance_type), account["mobile"])
        item = {"insuranceType": insurance_type, "name": type_name, "allowed": reason is None,
                "opened": insurance_type in opened and reason is None}
        if reason is not None:
            item["reason"] = reason
        items.append(item)
    return registrations, items


def get_insurance_types(portal, request):
    session = require_unit_user(portal, request, ("agent",))
    with portal.db.read() as connection:
        _, items = _permissions(connection, session.account)
    return {"items": items}


def get_platform(portal, request):
    session = require_unit_user(portal, request, ("agent",))
    with portal.db.read() as connection:
        _, items = _permissions(connection, session.account)
    opened = [item["insuranceType"] for item in items if item["opened"]]
    return {"open": bool(opened), "insuranceTypes": opened}


def open_platform(portal, request):
    """Open the multi-insurance platform for the requested insurance types.

    The whole request fails with unit_info_mismatch when the unit's name differs
    between its pension and unemployment registrations. Otherwise each type gets
    its own result, and types the agent may not handle are explained.
    """
    session = require_unit_user(portal, request, ("agent",))
    body = request.json_object()
    requested = body.get("insuranceTypes")
    if not isinstance(requested, list) or not requested:
        raise errors.invalid_request("请至少选择一个险种（字段 insuranceTypes）",
                                     field="insuranceTypes")
    for value in requested:
        if value not in insurance.INSURANCE_TYPES:
            raise errors.invalid_request(
                f"险种取值无效：{value}，可选值：{'、'.join(insurance.INSURANCE_TYPES)}"
                "（字段 insuranceTypes）", field="insuranceTypes")

    account = session.account
    now = portal.clock.now()
    with portal.db.transaction() as connection:
        registrations, items = _permissions(connection, account)
        mismatch = insurance.name_mismatch(registrations)
        if mismatch is None:
            results = _open_types(connection, now, account, requested, items)
            auth.audit(connection, now, account["id"], "platform_opened",
                       ",".join(r["insuranceType"] for r in results if r["opened"]))
    if mismatch is not None:
        pension_name, unemployment_name = mismatch
        raise errors.conflict(
            "unit_info_mismatch",
            f"单位信息错误：该单位在企业养老保险登记的名称“{pension_name}”与失业保险登记的名称"
            f"“{unemployment_name}”不一致，请联系单位法人登录后确认单位信息，再开通多险平台")
    return {"results": results, "open": any(result["opened"] for result in results)}


def _open_types(connection, now, account, requested, items):
    by_type = {item["insuranceType"]: item for item in items}
    results = []
    for insurance_type in insurance.INSURANCE_TYPES:
        if insurance_type not in requested:
            continue
        item = by_type[insurance_type]
        result = {"insuranceType": insurance_type, "name": item["name"]}
        if not item["allowed"]:
            result.update(opened=False, message=item["reason"])
        else:
            connection.execute(
                "INSERT OR IGNORE INTO agent_insurance_types (account_id, insurance_type,"
                " opened_at) VALUES (?, ?, ?)", (account["id"], insurance_type, now))
            result.update(opened=True, message=f"{item['name']}险种开通成功")
        results.append(result)
    return results


def register(router):
    router.add("GET", "/api/agent/insurance-types", get_insurance_types)
    router.add("GET", "/api/agent/platform", get_platform)
    router.add("POST", "/api/agent/platform", open_platform)
