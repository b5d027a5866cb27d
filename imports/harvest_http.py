"""A polite HTTP client for one harvested site (imports/harvest.py): one request at a time, a pause
between requests, timeouts, retries with backoff, a User-Agent that names the archive and a contact
address, robots.txt obeyed, and answers capped in size.

`requests` (already installed with the project's tools, maintained, pinned in pyproject.toml) does
the HTTP; urllib.robotparser reads robots.txt, which we fetch ourselves so that it too goes out
with our User-Agent, timeout and retries.
"""

import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests

from .types import MinutesError

CHUNK_BYTES = 64 * 1024


class FetchError(MinutesError):
    """A request that did not give an answer we can use, with a message saying why."""


@dataclass
class Fetched:
    """An answer: `status` 200 (with `body`) or 304 (not modified since the validators we sent)."""

    url: str
    status: int
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""

    @property
    def not_modified(self):
        return self.status == 304


def normalize_site(url):
    """A site's address as stored: scheme and host in lower case, no trailing slash, no query.
    "https://Dagsordener.Greve.dk/" -> "https://dagsordener.greve.dk". MinutesError if it is no
    http(s) address."""
    parts = urlsplit((url or "").strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise MinutesError(f"{url!r} is not a site address (https://dagsordener.<kommune>.dk)")
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"


class SiteClient:
    """Requests to one site, one at a time, at least `delay` seconds apart.

    A timeout, a refused connection, a 429 or a 5xx answer is tried again up to `retries` times,
    after `backoff`, 2 x `backoff`, 4 x `backoff` ... seconds. `on_request` is called after every
    request (the harvest renews its lock on the site there). `requests` counts what was sent.
    """

    def __init__(
        self, site_url, *, user_agent, delay=1.0, timeout=30.0, retries=3, backoff=2.0, on_request=None
    ):
        self.site = normalize_site(site_url)
        self.user_agent = user_agent
        self.delay = max(0.0, delay)
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self.on_request = on_request
        self.requests = 0
        self.robots = None
        self._last_request = None
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent

    def close(self):
        self.session.close()

    def url(self, path_or_url):
        return urljoin(self.site + "/", path_or_url.lstrip("/")) if "://" not in path_or_url else path_or_url

    # robots.txt ------------------------------------------------------------------------------------

    def read_robots(self):
        """Fetch and obey the site's robots.txt (RFC 9309): a missing one (4xx) allows everything;
        401/403 and an unreachable or failing one (5xx, timeout) forbid everything, so the site is
        not harvested this run (FetchError). A Crawl-delay longer than our pause is honoured."""
        parser = urllib.robotparser.RobotFileParser(self.url("/robots.txt"))
        try:
            answer = self._request(self.url("/robots.txt"), {}, max_bytes=512 * 1024, any_status=True)
        except FetchError as exc:
            raise FetchError(f"robots.txt could not be read, so nothing is fetched this run: {exc}") from None
        if answer.status in (401, 403):
            raise FetchError(f"robots.txt answered {answer.status}: the site forbids harvesting")
        if answer.status >= 400:
            parser.allow_all = True
        else:
            parser.parse(answer.body.decode("utf-8", "replace").splitlines())
            crawl_delay = parser.crawl_delay(self.user_agent)
            if crawl_delay:
                self.delay = max(self.delay, float(crawl_delay))
        self.robots = parser

    def allowed(self, url):
        return self.robots is None or self.robots.can_fetch(self.user_agent, url)

    # Requests --------------------------------------------------------------------------------------

    def get(self, path_or_url, *, etag="", last_modified="", max_bytes):
        """GET a page of the site: Fetched with status 200 or (given validators) 304.

        Raises FetchError for an address off the site or forbidden by robots.txt, an answer that
        is not 2xx/304 after the retries, or one larger than `max_bytes`.
        """
        url = self.url(path_or_url)
        if not (url == self.site or url.startswith(self.site + "/")):
            raise FetchError(f"{url}: not on the site {self.site}; not fetched")
        if not self.allowed(url):
            raise FetchError(f"{url}: robots.txt disallows it; not fetched")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers, max_bytes=max_bytes)

    def _wait(self):
        if self._last_request is not None:
            pause = self._last_request + self.delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)

    def _request(self, url, headers, *, max_bytes, any_status=False):
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait()
            try:
                answer, problem = self._once(url, headers, max_bytes, any_status)
            finally:
                self._last_request = time.monotonic()
                self.requests += 1
                if self.on_request:
                    self.on_request()
            if answer is not None:
                return answer
        tries = self.retries + 1
        raise FetchError(f"{url}: {problem} ({tries} {'try' if tries == 1 else 'tries'})")

    def _once(self, url, headers, max_bytes, any_status):
        """(Fetched, "") for an answer to use, (None, problem) for one worth trying again."""
        try:
            with self.session.get(url, headers=headers, timeout=self.timeout, stream=True) as response:
                status = response.status_code
                if status == 429 or status >= 500:
                    return None, f"the server answered {status} {response.reason or ''}".rstrip()
                if status >= 400 and not any_status:
                    raise FetchError(f"{url}: the server answered {status} {response.reason or ''}".rstrip())
                body = b"" if status == 304 else self._read(response, url, max_bytes)
                return (
                    Fetched(
                        url=url,
                        status=status,
                        body=body,
                        etag=response.headers.get("ETag", "")[:300],
                        last_modified=response.headers.get("Last-Modified", "")[:100],
                        content_type=response.headers.get("Content-Type", ""),
                    ),
                    "",
                )
        except requests.Timeout:
            return None, f"no answer within {self.timeout:g} s"
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            # A read timeout while the body streams in arrives as a ConnectionError too.
            return None, f"the connection failed ({exc.__class__.__name__})"
        except requests.RequestException as exc:
            raise FetchError(f"{url}: the request failed ({exc.__class__.__name__}: {exc})") from None

    @staticmethod
    def _read(response, url, max_bytes):
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(
                f"{url}: the answer is {int(declared) // 2**20} MB; the limit is {max_bytes // 2**20} MB"
            )
        chunks, size = [], 0
        for chunk in response.iter_content(CHUNK_BYTES):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url}: the answer is larger than {max_bytes // 2**20} MB; not read")
            chunks.append(chunk)
        return b"".join(chunks)
