"""The person's own rights: enrolment per insurance type and contribution history."""

from server import errors, insurance
from server.identifiers import mask_id_card_number
from server.staff import paging


def _require_person(portal, request):
    session = portal.auth.authenticate(request)
    if session.account["kind"] != "person":
        raise errors.forbidden("仅个人用户可以查询个人权益，请使用个人账号登录")
    return session.account


def _yuan(fen):
    return f"{fen // 100}.{fen % 100:02d}"


def get_rights(portal, request):
    account = _require_person(portal, request)
    number = account["id_card_number"]
    with portal.db.read() as connection:
        records = connection.execute(
            "SELECT r.*, u.unit_name FROM staff_records r LEFT JOIN insurance_registrations u"
            " ON u.credit_code = r.credit_code AND u.insurance_type = r.insurance_type"
            " WHERE r.id_card_number = ? ORDER BY r.id", (number,)).fetchall()
        months = dict(connection.execute(
            "SELECT insurance_type, COUNT(DISTINCT month) FROM contributions"
            " WHERE id_card_number = ? GROUP BY insurance_type", (number,)).fetchall())
    enrolments = []
    for insurance_type, type_name in insurance.INSURANCE_TYPES.items():
        rows = [row for row in records if row["insurance_type"] == insurance_type]
        # The active record is shown if there is one, otherwise the latest stopped one.
        current = next((row for row in rows if row["status"] == "active"),
                       rows[-1] if rows else None)
        enrolments.append({
            "insuranceType": insurance_type,
            "name": type_name,
            "status": current["status"] if current else "not_enrolled",
            "unitName": current["unit_name"] if current else None,
            "startMonth": current["start_month"] if current else None,
            "endMonth": current["end_month"] if current else None,
            "contributionBase": current["contribution_base"] if current else None,
            "paidMonths": months.get(insurance_type, 0),
        })
    return {"person": {"name": account["name"],
                       "idCardNumber": mask_id_card_number(number)},
            "enrolments": enrolments}


def get_contributions(portal, request):
    account = _require_person(portal, request)
    page, page_size = paging(request)

    conditions = ["id_card_number = ?"]
    parameters = [account["id_card_number"]]
    insurance_type = request.query.get("insuranceType", "")
    if insurance_type:
        if insurance_type not in insurance.INSURANCE_TYPES:
            raise errors.invalid_request(
                f"insuranceType 取值无效：{insurance_type}，可选值："
                f"{'、'.join(insurance.INSURANCE_TYPES)}", field="insuranceType")
        conditions.append("insurance_type = ?")
        parameters.append(insurance_type)
    year = request.query.get("year", "")
    if year:
        if not (len(year) == 4 and year.isdigit()):
            raise errors.invalid_request(f"year 应为4位年份，如2025，收到：{year}", field="year")
        conditions.append("month LIKE ?")
        parameters.append(f"{year}-%")
    where = " AND ".join(conditions)

    with portal.db.read() as connection:
        total, unit_sum, personal_sum = connection.execute(
            "SELECT COUNT(*), COALESCE(SUM(unit_amount_fen), 0),"
            f" COALESCE(SUM(personal_amount_fen), 0) FROM contributions WHERE {where}",
            parameters).fetchone()
        rows = connection.execute(
            f"SELECT * FROM contributions WHERE {where} ORDER BY month DESC, insurance_type"
            " LIMIT ? OFFSET ?", (*parameters, page_size, (page - 1) * page_size)).fetchall()

    items = [{
        "month": row["month"],
        "insuranceType": row["insurance_type"],
        "insuranceTypeName": insurance.INSURANCE_TYPES[row["insurance_type"]],
        "unitName": row["unit_name"],
        "contributionBase": row["contribution_base"],
        "unitAmount": _yuan(row["unit_amount_fen"]),
        "personalAmount": _yuan(row["personal_amount_fen"]),
    } for row in rows]
    return {"items": items, "total": total, "page": page, "pageSize": page_size,
            "sum": {"unitAmount": _yuan(unit_sum), "personalAmount": _yuan(personal_sum)}}


def register(router):
    router.add("GET", "/api/me/rights", get_rights)
    router.add("GET", "/api/me/contributions", get_contributions)
