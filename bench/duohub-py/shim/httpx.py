"""The slice of httpx that duohub-py 2.2.0 uses, on top of requests.

httpx is not installable on this machine; requests is. duohub-py calls httpx.Client(headers=,
timeout=) and its get/post/delete with params= or json=, reads status_code, text and json(),
calls raise_for_status(), and catches HTTPStatusError (with .response) and RequestError (with
.request.url). Nothing else is provided, so a new use shows up as an AttributeError.
"""
import requests


class Timeout:
    def __init__(self, timeout=None, connect=None):
        self.read = timeout
        self.connect = connect if connect is not None else timeout


class RequestError(Exception):
    def __init__(self, message, request=None):
        super().__init__(message)
        self.request = request


class HTTPStatusError(Exception):
    def __init__(self, message, request=None, response=None):
        super().__init__(message)
        self.request = request
        self.response = response


class Response:
    def __init__(self, inner):
        self._inner = inner
        self.status_code = inner.status_code
        self.headers = inner.headers
        self.request = inner.request

    @property
    def text(self):
        return self._inner.text

    def json(self):
        return self._inner.json()

    def raise_for_status(self):
        if self.status_code >= 400:
            raise HTTPStatusError(f"{self.status_code} for {self.request.url}", request=self.request, response=self)
        return self


class Client:
    def __init__(self, headers=None, timeout=None):
        self._session = requests.Session()
        self._session.headers.update(headers or {})
        if isinstance(timeout, Timeout):
            self._timeout = (timeout.connect, timeout.read)
        else:
            self._timeout = timeout if timeout is not None else 5.0  # httpx's default

    def request(self, method, url, params=None, json=None):
        try:
            return Response(self._session.request(method, url, params=params, json=json, timeout=self._timeout))
        except requests.RequestException as error:
            raise RequestError(str(error), request=error.request) from error

    def get(self, url, params=None):
        return self.request("GET", url, params=params)

    def post(self, url, json=None, params=None):
        return self.request("POST", url, params=params, json=json)

    def delete(self, url, params=None):
        return self.request("DELETE", url, params=params)

    def close(self):
        self._session.close()
