"""The agent's staff list and a staff member's detail."""

from server import api, errors, insurance
from server.identifiers import mask_id_card_number
from server.units import require_unit_user

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def unit_credit_code(connection, account):
    return connection.execute("SELECT credit_code FROM units WHERE id = ?",
                              (account["unit_id"],)).fetchone()[0]


def paging(request):
    """Return (page, page size) from the query string; raise ApiError 400 when invalid."""
    values = []
    for name, default, maximum in (("page", 1, 1_000_000), ("pageSize", DEFAULT_PAGE_SIZE,
                                                             MAX_PAGE_SIZE)):
        text = request.query.get(name, str(default))
        if not text.isdigit() or not 1 <= int(text) <= maximum:
            raise errors.invalid_request(f"{name} 应为1至{maximum}之间的整数", field=name)
        values.append(int(text))
    return values[0], values[1]


def record_json(row):
    return {
        "recordId": row["id"],
        "insuranceType": row["insurance_type"],
        "insuranceTypeName": insurance.INSURANCE_TYPES[row["insurance_type"]],
        "status": row["status"],
        "contributionBase": row["contribution_base"],
        "startMonth": row["start_month"],
        "endMonth": row["end_month"],
    }


def _staff_groups(connection, credit_code):
    """Return the unit's staff as a list of (staff id, rows), one entry per ID-card number.

    The staff id is the smallest record id of the person in the unit.
    """
    groups = {}
    for row in connection.execute(
            "SELECT * FROM staff_records WHERE credit_code = ? ORDER BY id", (credit_code,)):
        groups.setdefault(row["id_card_number"], []).append(row)
    return [(rows[0]["id"], rows) for rows in groups.values()]


def _staff_json(staff_id, rows, full_number=False):
    number = rows[0]["id_card_number"]
    active = {}
    for row in rows:
        if row["status"] == "active":
            active[row["insurance_type"]] = active.get(row["insurance_type"], 0) + 1
    return {
        "staffId": staff_id,
        "name": rows[-1]["name"],
        "idCardNumber": number if full_number else mask_id_card_number(number),
        "records": [record_json(row) for row in rows],
        "duplicateRecords": any(count > 1 for count in active.values()),
    }


def list_staff(portal, request):
    session = require_unit_user(portal, request, ("agent",))
    page, page_size = paging(request)
    name = request.query.get("name", "").strip()
    status = request.query.get("status", "")
    if status not in ("", "active", "stopped"):
        raise errors.invalid_request("status 取值无效，可选值：active、stopped", field="status")
    with portal.db.read() as connection:
        groups = _staff_groups(connection, unit_credit_code(connection, session.account))
    if name:
        groups = [(staff_id, rows) for staff_id, rows in groups if name in rows[-1]["name"]]
    if status:
        groups = [(staff_id, rows) for staff_id, rows in groups
                  if any(row["status"] == status for row in rows)]
    start = (page - 1) * page_size
    items = [_staff_json(staff_id, rows) for staff_id, rows in groups[start:start + page_size]]
    return {"items": items, "total": len(groups), "page": page, "pageSize": page_size}


def find_staff(connection, credit_code, staff_id):
    """Return the rows of the staff member staff_id in the unit, or raise ApiError 404."""
    for group_id, rows in _staff_groups(connection, credit_code):
        if group_id == staff_id:
            return rows
    raise errors.not_found("未找到该人员，请刷新人员列表后重试")


def get_staff(portal, request):
    session = require_unit_user(portal, request, ("agent",))
    staff_id = api.int_param(request, "staffId")
    with portal.db.read() as connection:
        rows = find_staff(connection, unit_credit_code(connection, session.account), staff_id)
    return {"staff": _staff_json(staff_id, rows, full_number=True)}


def register(router):
    router.add("GET", "/api/staff", list_staff)
    router.add("GET", "/api/staff/{staffId}", get_staff)
