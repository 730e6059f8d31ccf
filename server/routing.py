"""Maps (method, path) to API handlers; path templates may contain {name} segments."""

from server import errors


class Router:
    def __init__(self):
        # Each route is (segments, {method: handler}); a segment "{name}" matches any value.
        self._routes = []

    def add(self, method, template, handler):
        segments = tuple(template.strip("/").split("/"))
        for route_segments, handlers in self._routes:
            if route_segments == segments:
                handlers[method] = handler
                return
        self._routes.append((segments, {method: handler}))

    def resolve(self, method, path):
        """Return (handler, path parameters) or raise ApiError 404 or 405."""
        segments = path.strip("/").split("/")
        for route_segments, handlers in self._routes:
            params = _match(route_segments, segments)
            if params is None:
                continue
            handler = handlers.get(method)
            if handler is None:
                raise errors.method_not_allowed(sorted(handlers))
            return handler, params
        raise errors.not_found()


def _match(template, segments):
    if len(template) != len(segments):
        return None
    params = {}
    for expected, actual in zip(template, segments):
        if expected.startswith("{") and expected.endswith("}"):
            if not actual:
                return None
            params[expected[1:-1]] = actual
        elif expected != actual:
            return None
    return params
