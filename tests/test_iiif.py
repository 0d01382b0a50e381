"""IIIF manifests, from a file or an http(s) URL (readers.iiif, readers.remote).

The URL tests fetch from an http.server started here on 127.0.0.1 (CI has no
network): a manifest, one too large, a missing one, a server that never answers in
time, and redirects, to http and to ftp:. A host-name lookup that never ends is
socket.getaddrinfo replaced by one that waits.
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_encoder.cli import main
from tei_encoder.errors import FetchTimeout, InputError
from tei_encoder.readers import remote
from tei_encoder.readers.iiif import read_manifest
from tei_encoder.readers.remote import fetch_bounded, is_url
from tei_encoder.tei.names import tei

FIXTURES = Path(__file__).parent / "fixtures" / "ocr"
HOCR = FIXTURES / "assurances-B.hocr"  # two pages


def manifest_v2(base: str) -> dict:
    """A Presentation 2 manifest as a IIIF server (e.g. Cantaloupe behind a viewer) serves it."""
    return {"@context": "http://iiif.io/api/presentation/2/context.json", "@type": "sc:Manifest",
            "@id": f"{base}/manifest.json", "label": "Memo, copy B",
            "sequences": [{"@type": "sc:Sequence", "canvases": [
                {"@id": f"{base}/canvas/p{n}", "@type": "sc:Canvas", "width": 850, "height": 1100,
                 "images": [{"@type": "oa:Annotation", "motivation": "sc:painting", "on": f"{base}/canvas/p{n}",
                             "resource": {"@id": f"{base}/iiif/p{n}/full/425,/0/default.jpg", "@type": "dctypes:Image",
                                          "service": {"@context": "http://iiif.io/api/image/2/context.json",
                                                      "@id": f"{base}/iiif/p{n}",
                                                      "profile": "http://iiif.io/api/image/2/level1.json"}}}]}
                for n in (1, 2)]}]}


# Set by the timeout test once its fetch has failed: the slow answer never comes before
# (a fixed wait of the server's could end first on a loaded machine).
GIVEN_UP = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        base = f"http://{self.headers['Host']}"
        if self.path == "/manifest.json":
            self._send(200, json.dumps(manifest_v2(base)).encode())
        elif self.path == "/big.json":
            self._send(200, b" " * 5000 + b"{}")
        elif self.path == "/slow.json":  # answers only once the client has given up (or in 30 s)
            GIVEN_UP.wait(30)
            self._send(200, b"{}")
        elif self.path == "/moved":
            self._redirect("/manifest.json")
        elif self.path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/manifest.json")
        else:
            self._send(404, b"not here")

    def _send(self, status: int, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:  # the client gave up waiting (the timeout test)
            pass

    def _redirect(self, where: str):
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    GIVEN_UP.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """A proxy set in the environment must not be asked for 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def test_is_url():
    assert is_url("https://example.org/m.json") and is_url("HTTP://example.org/m")
    assert not is_url("manifest.json") and not is_url("file:///etc/passwd") and not is_url("C:/m.json")


def test_manifest_fetched_and_read(server):
    canvases = read_manifest(fetch_bounded(f"{server}/manifest.json"), f"{server}/manifest.json")
    assert [c.id for c in canvases] == [f"{server}/canvas/p1", f"{server}/canvas/p2"]
    # Image API 2 service: the full-size request in version 2's terms, not the body's 425-wide derivative.
    assert [c.image for c in canvases] == [f"{server}/iiif/p{n}/full/full/0/default.jpg" for n in (1, 2)]
    assert fetch_bounded(f"{server}/moved") == fetch_bounded(f"{server}/manifest.json")


@pytest.mark.parametrize("path, message", [
    ("/missing.json", "HTTP 404"),
    ("/big.json", "more than 1,000 bytes"),
    ("/to-ftp", "redirected to a ftp: URL"),
])
def test_fetch_refusals_name_the_url(server, path, message):
    with pytest.raises(InputError) as caught:
        fetch_bounded(f"{server}{path}", limit=1000)
    assert caught.value.path == f"{server}{path}" and message in str(caught.value)


def test_fetch_gives_up_after_the_timeout(server):
    with pytest.raises(InputError, match=r"within 0\.[1-3] s"):
        fetch_bounded(f"{server}/slow.json", timeout=0.3)
    GIVEN_UP.set()


@pytest.mark.parametrize("url", ["http://[::1", "https://[example.org/m.json"])
def test_a_malformed_url_is_an_input_error(url):
    assert is_url(url)
    with pytest.raises(InputError, match="not a valid URL") as caught:
        fetch_bounded(url)
    assert caught.value.path == url


def test_encode_with_a_malformed_manifest_url(tmp_path):
    result = CliRunner().invoke(main, ["encode", str(HOCR), "--iiif-manifest", "http://[::1",
                                       "-o", str(tmp_path / "memo.xml")])
    assert result.exit_code == 3 and "http://[::1: error: not a valid URL" in result.output
    assert not (tmp_path / "memo.xml").exists()


@pytest.fixture
def hanging_resolver(monkeypatch):
    """A resolver that gets no answer: socket.getaddrinfo waits (until the test ends, 30 s
    at most, then fails as a lookup would at the system's own limit). Gives the host
    names asked for, once the first is asked."""
    asked, first_asked, released = [], threading.Event(), threading.Event()

    def getaddrinfo(host, *args, **kwargs):
        asked.append(host)
        first_asked.set()
        released.wait(30)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    def hosts_asked() -> list[str]:
        first_asked.wait(30)
        return asked

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield hosts_asked
    released.set()


def test_a_host_name_lookup_that_never_ends_stops_at_the_deadline(hanging_resolver):
    url = "http://iiif.example.org/manifest.json"
    with pytest.raises(FetchTimeout) as caught:
        fetch_bounded(url, timeout=0.3)
    assert caught.value.path == url and caught.value.exit_code == 3
    assert str(caught.value) == f"{url}: error: cannot fetch: not done within 0.3 s, the host-name lookup included"
    assert hanging_resolver() == ["iiif.example.org"]  # it was the lookup that hung, not something else


def test_encode_with_a_manifest_host_that_never_resolves(hanging_resolver, monkeypatch, tmp_path):
    monkeypatch.setattr(remote, "TIMEOUT", 0.3)  # the fetch's default deadline, 30 s
    url = "https://iiif.example.org/manifest.json"
    result = CliRunner().invoke(main, ["encode", str(HOCR), "--iiif-manifest", url, "-o", str(tmp_path / "memo.xml")])
    assert result.exit_code == 3
    assert f"{url}: error: cannot fetch: not done within 0.3 s" in result.output
    assert not (tmp_path / "memo.xml").exists()


def test_fetch_refuses_other_schemes():
    with pytest.raises(InputError, match="only http and https"):
        fetch_bounded("file:///etc/passwd")


def test_encode_with_a_manifest_url(server, tmp_path):
    target = tmp_path / "memo.xml"
    result = CliRunner().invoke(main, ["encode", str(HOCR), "--iiif-manifest", f"{server}/manifest.json",
                                       "-o", str(target)])
    assert result.exit_code == 0, result.output
    surfaces = list(etree.parse(str(target)).iter(tei("surface")))
    assert [s.get("sameAs") for s in surfaces] == [f"{server}/canvas/p1", f"{server}/canvas/p2"]
    assert [s.find(tei("graphic")).get("url") for s in surfaces] == [
        f"{server}/iiif/p{n}/full/full/0/default.jpg" for n in (1, 2)]


@pytest.mark.parametrize("manifest", ["/missing.json", "/big.json"])
def test_encode_with_a_bad_manifest_url_writes_nothing(server, tmp_path, manifest):
    target = tmp_path / "memo.xml"
    result = CliRunner().invoke(main, ["encode", str(HOCR), "--iiif-manifest", f"{server}{manifest}",
                                       "--max-size", "1k", "-o", str(target)])
    assert result.exit_code == 3
    assert f"{server}{manifest}: error: " in result.output and not target.exists()


def test_encode_with_a_missing_manifest_file(tmp_path):
    result = CliRunner().invoke(main, ["encode", str(HOCR), "--iiif-manifest", str(tmp_path / "none.json"),
                                       "-o", str(tmp_path / "memo.xml")])
    assert result.exit_code == 3 and "none.json: error: cannot read" in result.output


def test_v2_manifest_with_an_image_api_1_service():
    """Image API 1.x names itself under .../image-api/1.1/ (not iiif.io/api/image/1): its
    full image is full/full/0/native.jpg, as 1.x has no 'default' quality."""
    manifest = {"@context": "http://iiif.io/api/presentation/2/context.json", "@type": "sc:Manifest",
                "sequences": [{"canvases": [{"@id": "https://example.org/canvas/1", "@type": "sc:Canvas",
                                             "width": 850, "height": 1100, "images": [{"resource": {
                                                 "@id": "https://example.org/p1.jpg", "service": {
                                                     "@context": "http://library.stanford.edu/iiif/image-api/"
                                                                 "1.1/context.json",
                                                     "@id": "https://example.org/iiif/p1",
                                                     "profile": "http://library.stanford.edu/iiif/image-api/"
                                                                "1.1/compliance.html#level1"}}}]}]}]}
    canvases = read_manifest(json.dumps(manifest).encode(), "m.json")
    assert [c.image for c in canvases] == ["https://example.org/iiif/p1/full/full/0/native.jpg"]


def test_v3_manifest_with_an_image_api_2_service():
    """A Presentation 3 manifest may paint images served by an Image API 2 server: the
    size is then full (version 2), not max; a service that is not an image service is passed over."""
    manifest = {"@context": "http://iiif.io/api/presentation/3/context.json", "type": "Manifest",
                "items": [{"id": "https://example.org/canvas/1", "type": "Canvas", "width": 850, "height": 1100,
                           "items": [{"type": "AnnotationPage", "items": [{"type": "Annotation", "body": {
                               "id": "https://example.org/p1.jpg", "type": "Image", "service": [
                                   {"id": "https://example.org/search", "type": "SearchService2"},
                                   {"@id": "https://example.org/iiif/p1", "@type": "ImageService2",
                                    "profile": "level2"}]}}]}]},
                          {"id": "https://example.org/canvas/2", "type": "Canvas", "items": [
                              {"type": "AnnotationPage", "items": [{"type": "Annotation", "body": {
                                  "id": "https://example.org/p2.jpg", "type": "Image"}}]}]}]}
    canvases = read_manifest(json.dumps(manifest).encode(), "m.json")
    assert [c.image for c in canvases] == ["https://example.org/iiif/p1/full/full/0/default.jpg",
                                          "https://example.org/p2.jpg"]
