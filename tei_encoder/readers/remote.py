"""Reading a URL under the same rule as a file (readers.bounded): never without bound.

Used for what a user names by URL rather than by path (a IIIF manifest). Only http
and https are fetched (a redirect elsewhere, to file: or ftp:, is refused); at most
`limit` + 1 bytes are read, whatever Content-Length says. Time is bounded by one deadline,
`timeout` seconds for the whole fetch: the host-name lookup, connecting, redirects, the
answer and the body. The lookup (socket.getaddrinfo) has no timeout of its own and cannot
be interrupted, so the fetch runs in a worker thread that the caller stops waiting for at
the deadline (FetchTimeout); the thread itself gives up too, its sockets waiting at most
`timeout` / 3 seconds at a time and the body abandoned past the deadline, so that it does
not outlive the fetch for long (a lookup that never returns excepted: the thread is a daemon,
it does not keep the program from ending). Proxies come from the environment, as for any
client. Every failure, a malformed URL too, is an InputError naming the URL (exit 3).
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from tei_encoder import __version__
from tei_encoder.errors import FetchTimeout, InputError
from tei_encoder.readers.bounded import DEFAULT_MAX_BYTES

SCHEMES = ("http", "https")
TIMEOUT = 30.0
_CHUNK = 64 * 1024


def is_url(name: str) -> bool:
    """A name that is an http(s) URL rather than a path (malformed ones included, so
    that fetching them says what is wrong)."""
    return _scheme(str(name)) in SCHEMES


def _scheme(name: str) -> str:
    before, colon, _ = name.partition(":")
    return before.lower() if colon and before.isascii() and before.isalpha() else ""


def fetch_bounded(url: str, limit: int = DEFAULT_MAX_BYTES, timeout: float | None = None,
                  accept: str = "application/json, */*;q=0.1") -> bytes:
    """The body of an http(s) URL, or InputError: not http(s), an HTTP error status,
    no answer, more than `timeout` seconds in all (FetchTimeout; default TIMEOUT), or
    more than `limit` bytes."""
    timeout = TIMEOUT if timeout is None else timeout
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        raise InputError(url, f"not a valid URL: {exc}") from None
    if scheme not in SCHEMES:
        raise InputError(url, f"only http and https URLs are fetched, not {scheme or 'a bare name'}")
    deadline = time.monotonic() + timeout
    return _by_deadline(lambda: _fetch(url, limit, deadline, timeout, accept), deadline, url, timeout)


def _by_deadline(fetch, deadline: float, url: str, timeout: float) -> bytes:
    """fetch() in a daemon thread, waited for until the deadline: what it returns or
    raises, else FetchTimeout."""
    import threading

    outcome: dict = {}

    def run() -> None:
        try:
            outcome["data"] = fetch()
        except Exception as exc:  # handed to the caller's thread, raised there
            outcome["error"] = exc

    worker = threading.Thread(target=run, name=f"fetch {url}", daemon=True)
    worker.start()
    worker.join(max(deadline - time.monotonic(), 0))
    if worker.is_alive():
        raise FetchTimeout(url, f"cannot fetch: not done within {timeout:g} s, the host-name lookup included")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["data"]


def _fetch(url: str, limit: int, deadline: float, timeout: float, accept: str) -> bytes:
    # urllib, http.client and ssl cost ~20 ms to import: only when a URL is given.
    import http.client
    import urllib.error
    import urllib.request

    opener = urllib.request.build_opener(_redirects_within_http(urllib.request))
    request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": f"tei-encoder/{__version__}"})
    try:
        with opener.open(request, timeout=timeout / 3) as response:
            return _read_until(response, limit, deadline, url, timeout)
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"cannot fetch: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise InputError(url, f"cannot fetch: no answer within {timeout / 3:g} s") from None
        raise InputError(url, f"cannot fetch: {getattr(reason, 'strerror', None) or reason}") from None
    except TimeoutError:
        raise InputError(url, f"cannot fetch: no answer within {timeout / 3:g} s") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise InputError(url, f"cannot fetch: {exc}") from None


def _read_until(response, limit: int, deadline: float, url: str, timeout: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = response.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise FetchTimeout(url, f"cannot fetch: not done within {timeout:g} s")
    if size > limit:
        raise InputError(url, f"more than {limit:,} bytes (--max-size)")
    return b"".join(chunks)


def _redirects_within_http(request_module):
    """A redirect handler that follows http(s) redirects only (urllib's own also
    follows ftp:)."""

    class HttpOnlyRedirects(request_module.HTTPRedirectHandler):
        max_redirections = 5

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            target = urlsplit(newurl).scheme.lower()
            if target and target not in SCHEMES:
                raise InputError(req.full_url, f"cannot fetch: redirected to a {target}: URL ({newurl}), refused")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return HttpOnlyRedirects
