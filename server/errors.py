"""The API's error type: a status, a snake_case code and a Chinese message for the UI."""


class ApiError(Exception):
    """An error returned to the client as {"error": {"code", "message", ...extra}}."""

    def __init__(self, status, code, message, **extra):
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra
        self.headers = {}

    def body(self):
        error = {"code": self.code, "message": self.message}
        error.update(self.extra)
        return {"error": error}


def invalid_request(message, field=None):
    if field is None:
        return ApiError(400, "invalid_request", message)
    return ApiError(400, "invalid_request", message, field=field)


def unauthenticated():
    return ApiError(401, "unauthenticated", "登录已失效，请重新登录")


def forbidden(message):
    return ApiError(403, "forbidden", message)


def not_found(message="请求的资源不存在，请检查地址"):
    return ApiError(404, "not_found", message)


def method_not_allowed(allowed):
    error = ApiError(405, "method_not_allowed",
                     "该地址不支持此请求方法，支持的方法：" + "、".join(allowed))
    error.headers["Allow"] = ", ".join(allowed)
    return error


def conflict(code, message, **extra):
    return ApiError(409, code, message, **extra)


def internal_error():
    return ApiError(500, "internal_error", "服务器内部错误，请稍后重试；如持续出现请联系客服")
