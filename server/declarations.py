"""Staff declarations (addition, removal, change), their queries, rollback, reviews and the
overdue-review reminders."""

import datetime
import hashlib
import json
import re

from server import api, auth, clock, errors, insurance
from server.identifiers import fold_width, mask_id_card_number
from server.registration import id_card_field, person_name_field
from server.staff import find_staff, paging, unit_credit_code
from server.units import require_unit_user

KINDS = {"addition": "增员", "removal": "减员", "change": "人员信息变更"}
STATUSES = {"pending": "待审核", "rejected": "审核未通过", "approved": "审核已通过",
            "rolled_back": "已回退"}
REMINDER_DAYS = 5
DUPLICATE_MESSAGE = "该人员有多条记录，请到窗口进行合并"
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,100}$")


def declaration_json(row, full_number=False):
    number = row["id_card_number"]
    return {
        "id": row["id"],
        "kind": row["kind"],
        "kindName": KINDS[row["kind"]],
        "insuranceType": row["insurance_type"],
        "insuranceTypeName": insurance.INSURANCE_TYPES[row["insurance_type"]],
        "name": row["name"],
        "idCardNumber": number if full_number else mask_id_card_number(number),
        "details": json.loads(row["details"]),
        "status": row["status"],
        "statusName": STATUSES[row["status"]],
        "reviewReason": row["review_reason"],
        "createdAt": clock.to_iso(row["created_at"]),
        "reviewedAt": clock.to_iso(row["reviewed_at"]) if row["reviewed_at"] else None,
        "canRollback": row["status"] == "pending",
    }


# Field checks ------------------------------------------------------------------------------

def _month_field(body, name, label):
    value = api.text_field(body, name, label, max_length=7)
    if not _MONTH.match(value):
        raise errors.invalid_request(f"{label}应为“年-月”格式，如2026-01（字段 {name}）", field=name)
    return value


def _base_field(body, name="contributionBase"):
    value = body.get(name)
    if value is None:
        raise errors.invalid_request(f"请填写缴费基数（字段 {name}）", field=name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise errors.invalid_request(f"缴费基数应为整数元（字段 {name}）", field=name)
    value = int(value)
    low, high = insurance.CONTRIBUTION_BASE_MIN, insurance.CONTRIBUTION_BASE_MAX
    if not low <= value <= high:
        raise errors.invalid_request(
            f"缴费基数{value}元超出范围，应在{low}元至{high}元之间（字段 {name}）", field=name)
    return value


def _insurance_types_field(body):
    value = body.get("insuranceTypes")
    if not isinstance(value, list) or not value:
        raise errors.invalid_request("请至少勾选一个险种（字段 insuranceTypes）",
                                     field="insuranceTypes")
    for item in value:
        if item not in insurance.INSURANCE_TYPES:
            raise errors.invalid_request(
                f"险种取值无效：{item}，可选值：{'、'.join(insurance.INSURANCE_TYPES)}"
                "（字段 insuranceTypes）", field="insuranceTypes")
    return [name for name in insurance.INSURANCE_TYPES if name in value]


def _staff_id_field(body):
    value = body.get("staffId")
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise errors.invalid_request("请从人员列表中选择人员（字段 staffId）", field="staffId")
    return value


def _person_and_details(portal, connection, credit_code, kind, body):
    """Return (ID-card number, name, details) of a declaration body; raise ApiError 400/404."""
    if kind == "addition":
        number = id_card_field(portal, body)
        name = person_name_field(body)
        details = {"contributionBase": _base_field(body),
                   "startMonth": _month_field(body, "startMonth", "参保开始年月")}
        return number, name, details
    rows = find_staff(connection, credit_code, _staff_id_field(body))
    number, name = rows[0]["id_card_number"], rows[-1]["name"]
    if kind == "removal":
        details = {"endMonth": _month_field(body, "endMonth", "停保年月"),
                   "reason": api.text_field(body, "reason", "减员原因", max_length=100)}
        return number, name, details
    changes = body.get("changes")
    if not isinstance(changes, dict) or not changes:
        raise errors.invalid_request("请填写要变更的信息（字段 changes）", field="changes")
    unknown = set(changes) - {"name", "contributionBase"}
    if unknown:
        raise errors.invalid_request(
            f"不能变更的字段：{'、'.join(sorted(unknown))}，可变更：name、contributionBase"
            "（字段 changes）", field="changes")
    clean = {}
    if "name" in changes:
        clean["name"] = person_name_field(changes)
    if "contributionBase" in changes:
        clean["contributionBase"] = _base_field(changes)
    return number, name, {"changes": clean}


# Business rules ----------------------------------------------------------------------------

def _check_permissions(connection, account, credit_code, types):
    registrations = insurance.registrations_by_type(connection, credit_code)
    opened = {row[0] for row in connection.execute(
        "SELECT insurance_type FROM agent_insurance_types WHERE account_id = ?",
        (account["id"],))}
    for insurance_type in types:
        type_name = insurance.INSURANCE_TYPES[insurance_type]
        reason = insurance.agent_permission(registrations.get(insurance_type), account["mobile"])
        if reason is None and insurance_type not in opened:
            reason = "请先在“业务办理 → 开通多险平台”中开通该险种"
        if reason is not None:
            raise errors.ApiError(403, "insurance_type_not_allowed",
                                  f"您不能办理{type_name}险种的申报：{reason}",
                                  insuranceType=insurance_type)


def _check_rules(connection, credit_code, kind, number, insurance_type):
    type_name = insurance.INSURANCE_TYPES[insurance_type]
    active = connection.execute(
        "SELECT credit_code FROM staff_records WHERE id_card_number = ? AND insurance_type = ?"
        " AND status = 'active'", (number, insurance_type)).fetchall()
    if len(active) > 1 and kind in ("addition", "removal"):
        raise errors.conflict("duplicate_person_records", DUPLICATE_MESSAGE,
                              insuranceType=insurance_type)
    active_in_unit = [row for row in active if row["credit_code"] == credit_code]
    if kind == "addition" and active_in_unit:
        raise errors.conflict("already_insured",
                              f"该人员已在本单位参加{type_name}保险，无需增员",
                              insuranceType=insurance_type)
    if kind == "addition" and active:
        raise errors.conflict("insured_elsewhere",
                              f"该人员正在其他单位参加{type_name}保险，请原单位先办理减员",
                              insuranceType=insurance_type)
    if kind != "addition" and not active_in_unit:
        raise errors.conflict("not_insured", f"该人员在本单位没有{type_name}保险的在保记录",
                              insuranceType=insurance_type)
    if connection.execute(
            "SELECT 1 FROM declarations WHERE credit_code = ? AND id_card_number = ?"
            " AND insurance_type = ? AND status = 'pending'",
            (credit_code, number, insurance_type)).fetchone():
        raise errors.conflict("declaration_pending",
                              f"该人员已有{type_name}险种的待审核申报，请等待审核结果或先回退该申报",
                              insuranceType=insurance_type)


# Handlers ----------------------------------------------------------------------------------

def create_declarations(portal, request):
    """Declare one staff change for each requested insurance type, all or none.

    The Idempotency-Key header is required. A repeated request with the same
    key and body returns the first response; the same key with another body
    is rejected.
    """
    session = require_unit_user(portal, request, ("agent",))
    key = (request.header("Idempotency-Key") or "").strip()
    if not _IDEMPOTENCY_KEY.match(key):
        raise errors.ApiError(400, "idempotency_key_required",
                              "请求缺少有效的 Idempotency-Key 请求头（1至100个可见 ASCII 字符），"
                              "请刷新页面后重新提交")
    body = request.json_object()
    request_digest = hashlib.sha256(
        json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    account = session.account
    now = portal.clock.now()

    with portal.db.transaction() as connection:
        stored = connection.execute(
            "SELECT request_digest, status, body FROM idempotency_keys"
            " WHERE account_id = ? AND key = ?", (account["id"], key)).fetchone()
        if stored is not None:
            if stored["request_digest"] != request_digest:
                raise errors.ApiError(422, "idempotency_key_reused",
                                      "该申报编号已用于另一份内容不同的申报，请刷新页面后重新填写")
            return stored["status"], json.loads(stored["body"]), {"Idempotent-Replayed": "true"}

        kind = api.choice_field(body, "kind", "申报类型", tuple(KINDS))
        types = _insurance_types_field(body)
        credit_code = unit_credit_code(connection, account)
        _check_permissions(connection, account, credit_code, types)
        number, name, details = _person_and_details(portal, connection, credit_code, kind, body)
        for insurance_type in types:
            _check_rules(connection, credit_code, kind, number, insurance_type)

        created = []
        for insurance_type in types:
            declaration_id = connection.execute(
                "INSERT INTO declarations (credit_code, agent_account_id, kind, insurance_type,"
                " id_card_number, name, details, status, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
                (credit_code, account["id"], kind, insurance_type, number, name,
                 json.dumps(details, ensure_ascii=False), now)).lastrowid
            row = connection.execute("SELECT * FROM declarations WHERE id = ?",
                                     (declaration_id,)).fetchone()
            created.append(declaration_json(row))
            auth.audit(connection, now, account["id"], "declaration_created",
                       f"declaration={declaration_id} kind={kind} type={insurance_type}")
        response = {"declarations": created}
        connection.execute(
            "INSERT INTO idempotency_keys (account_id, key, request_digest, status, body,"
            " created_at) VALUES (?, ?, ?, 201, ?, ?)",
            (account["id"], key, request_digest, json.dumps(response, ensure_ascii=False), now))
    return 201, response, {}


def _day_start(text, name):
    if not _DATE.match(text):
        raise errors.invalid_request(f"{name} 应为“年-月-日”格式，如2026-01-31", field=name)
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise errors.invalid_request(f"{name} 不是有效日期：{text}", field=name) from None
    return int(datetime.datetime.combine(day, datetime.time(), clock.CHINA_TIME).timestamp())


def list_declarations(portal, request):
    session = require_unit_user(portal, request, ("agent",))
    page, page_size = paging(request)
    query = request.query
    conditions = ["credit_code = ?"]
    with portal.db.read() as connection:
        parameters = [unit_credit_code(connection, session.account)]

    filters = (("status", STATUSES), ("kind", KINDS), ("insuranceType", insurance.INSURANCE_TYPES))
    for name, allowed in filters:
        value = query.get(name, "")
        if not value:
            continue
        if value not in allowed:
            raise errors.invalid_request(f"{name} 取值无效：{value}，可选值：{'、'.join(allowed)}",
                                         field=name)
        column = {"insuranceType": "insurance_type"}.get(name, name)
        conditions.append(f"{column} = ?")
        parameters.append(value)
    if query.get("name", "").strip():
        conditions.append("instr(name, ?) > 0")
        parameters.append(query["name"].strip())
    if query.get("idCardNumber", "").strip():
        conditions.append("id_card_number = ?")
        parameters.append(fold_width(query["idCardNumber"]).upper())
    if query.get("from"):
        conditions.append("created_at >= ?")
        parameters.append(_day_start(query["from"], "from"))
    if query.get("to"):
        conditions.append("created_at < ?")
        parameters.append(_day_start(query["to"], "to") + 24 * 3600)

    where = " AND ".join(conditions)
    with portal.db.read() as connection:
        total = connection.execute(f"SELECT COUNT(*) FROM declarations WHERE {where}",
                                   parameters).fetchone()[0]
        rows = connection.execute(
            f"SELECT * FROM declarations WHERE {where} ORDER BY created_at DESC, id DESC"
            " LIMIT ? OFFSET ?", (*parameters, page_size, (page - 1) * page_size)).fetchall()
    return {"items": [declaration_json(row) for row in rows], "total": total, "page": page,
            "pageSize": page_size}


def _find_declaration(connection, account, declaration_id):
    row = connection.execute("SELECT * FROM declarations WHERE id = ? AND credit_code = ?",
                             (declaration_id, unit_credit_code(connection, account))).fetchone()
    if row is None:
        raise errors.not_found("未找到该申报记录，请刷新后重试")
    return row


def get_declaration(portal, request):
    session = require_unit_user(portal, request, ("agent",))
    declaration_id = api.int_param(request, "declarationId")
    with portal.db.read() as connection:
        row = _find_declaration(connection, session.account, declaration_id)
    return {"declaration": declaration_json(row, full_number=True)}


NOT_ROLLBACKABLE = {
    "approved": "该申报已审核通过，不能回退；如需更正请办理人员信息变更或减员",
    "rejected": "该申报审核未通过，无需回退，可修改后重新申报",
    "rolled_back": "该申报已回退",
}


def rollback_declaration(portal, request):
    session = require_unit_user(portal, request, ("agent",))
    declaration_id = api.int_param(request, "declarationId")
    now = portal.clock.now()
    with portal.db.transaction() as connection:
        row = _find_declaration(connection, session.account, declaration_id)
        if row["status"] != "pending":
            raise errors.conflict("not_rollbackable", NOT_ROLLBACKABLE[row["status"]],
                                  declarationStatus=row["status"])
        connection.execute(
            "UPDATE declarations SET status = 'rolled_back', rolled_back_at = ? WHERE id = ?",
            (now, declaration_id))
        auth.audit(connection, now, session.account["id"], "declaration_rolled_back",
                   f"declaration={declaration_id}")
        row = connection.execute("SELECT * FROM declarations WHERE id = ?",
                                 (declaration_id,)).fetchone()
    return {"declaration": declaration_json(row)}


def list_reminders(portal, request):
    """List the unit's declarations still pending REMINDER_DAYS days after submission.

    The reminder is informational: the declaration stays valid and must not be
    submitted again.
    """
    session = portal.auth.authenticate(request)
    account = session.account
    if account["kind"] == "person":
        return {"items": []}
    now = portal.clock.now()
    with portal.db.read() as connection:
        rows = connection.execute(
            "SELECT * FROM declarations WHERE credit_code = ? AND status = 'pending'"
            " AND created_at <= ? ORDER BY created_at",
            (unit_credit_code(connection, account), now - REMINDER_DAYS * 24 * 3600)).fetchall()
    items = []
    for row in rows:
        days = (now - row["created_at"]) // (24 * 3600)
        items.append({
            "declarationId": row["id"],
            "name": row["name"],
            "idCardNumber": mask_id_card_number(row["id_card_number"]),
            "kindName": KINDS[row["kind"]],
            "insuranceTypeName": insurance.INSURANCE_TYPES[row["insurance_type"]],
            "createdAt": clock.to_iso(row["created_at"]),
            "pendingDays": days,
            "message": (f"{row['name']}的{insurance.INSURANCE_TYPES[row['insurance_type']]}"
                        f"{KINDS[row['kind']]}申报已提交{days}天，经办机构尚未审核，请耐心等待，"
                        "无需重复申报"),
        })
    return {"items": items}


def register(router):
    router.add("POST", "/api/declarations", create_declarations)
    router.add("GET", "/api/declarations", list_declarations)
    router.add("GET", "/api/declarations/{declarationId}", get_declaration)
    router.add("POST", "/api/declarations/{declarationId}/rollback", rollback_declaration)
    router.add("GET", "/api/reminders", list_reminders)
