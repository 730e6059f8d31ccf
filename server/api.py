"""The request object that API handlers receive, and checks for JSON request fields."""

import json

from server import errors

MAX_BODY_BYTES = 64 * 1024


class ApiRequest:
    """One API request: method, path, path parameters, query, headers, the raw body and the
    client's address (the proxy's client for a trusted proxy)."""

    def __init__(self, method, path, query, headers, raw_body, client_address=""):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.raw_body = raw_body
        self.client_address = client_address
        self.params = {}
        self._json = None

    def header(self, name, default=None):
        return self.headers.get(name, default)

    def json_object(self):
        """Return the body parsed as a JSON object, or raise ApiError 400."""
        if self._json is not None:
            return self._json
        if not self.raw_body:
            raise errors.invalid_request("请求内容为空，应为 JSON 对象")
        try:
            text = self.raw_body.decode("utf-8")
            value = json.loads(text)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise errors.ApiError(400, "invalid_json", "请求内容不是有效的 JSON，请检查格式") from None
        if not isinstance(value, dict):
            raise errors.ApiError(400, "invalid_json", "请求内容应为 JSON 对象")
        self._json = value
        return value


def text_field(body, name, label, required=True, strip=True, max_length=200):
    """Return body[name] as a string; raise ApiError 400 naming the field when it is
    missing, blank, not a string or longer than max_length characters.

    Returns None for a missing optional field.
    """
    value = body.get(name)
    if value is None:
        if required:
            raise errors.invalid_request(f"请填写{label}（字段 {name}）", field=name)
        return None
    if not isinstance(value, str):
        raise errors.invalid_request(f"{label}格式不正确，应为文本（字段 {name}）", field=name)
    if strip:
        value = value.strip()
    if not value.strip():
        if required:
            raise errors.invalid_request(f"请填写{label}（字段 {name}）", field=name)
        return None
    if len(value) > max_length:
        raise errors.invalid_request(
            f"{label}过长，最多{max_length}个字符（字段 {name}）", field=name)
    if "\x00" in value:
        raise errors.invalid_request(f"{label}含有无效字符（字段 {name}）", field=name)
    return value


def choice_field(body, name, label, choices):
    """Return body[name] when it is one of choices, otherwise raise ApiError 400."""
    value = text_field(body, name, label)
    if value not in choices:
        raise errors.invalid_request(
            f"{label}取值无效：{value}，可选值：{'、'.join(choices)}（字段 {name}）", field=name)
    return value


def int_param(request, name):
    """Return the path parameter name as a positive int, or raise ApiError 404."""
    text = request.params.get(name, "")
    if not text.isdigit() or len(text) > 12 or int(text) == 0:
        raise errors.not_found()
    return int(text)
