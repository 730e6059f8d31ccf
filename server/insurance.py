"""Insurance types and the rules that decide which ones an agent may handle."""

# Wire name -> Chinese name, in the order the UI lists them.
INSURANCE_TYPES = {
    "pension": "企业养老",
    "work_injury": "工伤",
    "unemployment": "失业",
}

REASON_NO_REGISTRATION = "单位未在经办机构办理该险种参保登记，请到经办机构办理"
REASON_CHECK_AGENCY = "请到经办机构核实经办人手机号码和网报开通标志"


def registrations_by_type(connection, credit_code):
    rows = connection.execute(
        "SELECT * FROM insurance_registrations WHERE credit_code = ?", (credit_code,))
    return {row["insurance_type"]: row for row in rows}


def agent_permission(registration, agent_mobile):
    """Return None when the agent may handle the type of this registration, else the reason.

    An agent may handle a type when the unit has a registration for it, the
    registration's agent mobile number is the agent's, and its online-declaration
    flag is set.
    """
    if registration is None:
        return REASON_NO_REGISTRATION
    if registration["agent_mobile"] != agent_mobile or not registration["online_declaration"]:
        return REASON_CHECK_AGENCY
    return None


def name_mismatch(registrations):
    """Return (pension name, unemployment name) when the two registrations disagree, else None."""
    pension = registrations.get("pension")
    unemployment = registrations.get("unemployment")
    if pension is None or unemployment is None:
        return None
    if pension["unit_name"] == unemployment["unit_name"]:
        return None
    return pension["unit_name"], unemployment["unit_name"]

# Bounds of the monthly contribution base in whole yuan.
# NOTE: demo values; the real bounds are set each year from the provincial average wage.
CONTRIBUTION_BASE_MIN = 4000
CONTRIBUTION_BASE_MAX = 25000
