"""A IIIF Presentation manifest (version 2 or 3) -> its canvases, in order.

The pages of the encoded copies are mapped to the canvases in order (the first page of
the first copy to the first canvas): surface/@sameAs is the canvas, graphic/@url the
image painted on it. When the image has a IIIF Image API service, graphic/@url is that
service's full-size request, in the service's own Image API version (2: full/full, 3:
full/max; 1: full/full/0/native), not the image's id: the service is the image's stable
address (a body's id is often a derivative a server may change), the request loads
in any browser, and the zones' coordinates can be cut from it as regions. An image
with no service keeps its id.
"""

from __future__ import annotations

import json
import re

from tei_encoder.errors import InputError
from tei_encoder.model import Canvas


def read_manifest(data: bytes, path: str) -> tuple[Canvas, ...]:
    try:
        manifest = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(path, f"a IIIF manifest must be UTF-8 JSON ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from None
    if not isinstance(manifest, dict):
        raise InputError(path, "a IIIF manifest is a JSON object")
    if isinstance(manifest.get("items"), list):  # Presentation 3
        canvases = [_canvas_v3(item) for item in manifest["items"] if _is(item, "Canvas")]
    else:  # Presentation 2: sequences[0].canvases
        sequences = manifest.get("sequences") or [{}]
        canvases = [_canvas_v2(item) for item in (sequences[0].get("canvases") or []) if isinstance(item, dict)]
    canvases = [c for c in canvases if c is not None]
    if not canvases:
        raise InputError(path, "the IIIF manifest has no canvases (items, or sequences/canvases)")
    return tuple(canvases)


def _is(item, kind: str) -> bool:
    return isinstance(item, dict) and item.get("type") == kind


def _number(value) -> int | None:
    return int(value) if isinstance(value, (int, float)) else None


def _canvas_v3(canvas: dict) -> Canvas | None:
    if not canvas.get("id"):
        return None
    image = None
    for page in canvas.get("items") or []:
        for annotation in (page.get("items") or []) if isinstance(page, dict) else []:
            body = annotation.get("body") if isinstance(annotation, dict) else None
            body = body[0] if isinstance(body, list) and body else body
            if isinstance(body, dict):
                image = _service(body.get("service"), 3) or body.get("id")
                break
        if image:
            break
    return Canvas(canvas["id"], image, _number(canvas.get("width")), _number(canvas.get("height")))


def _canvas_v2(canvas: dict) -> Canvas | None:
    if not canvas.get("@id"):
        return None
    image = None
    for painted in canvas.get("images") or []:
        resource = painted.get("resource") if isinstance(painted, dict) else None
        if isinstance(resource, dict):
            image = _service(resource.get("service"), 2) or resource.get("@id")
            break
    return Canvas(canvas["@id"], image, _number(canvas.get("width")), _number(canvas.get("height")))


def _service(service, manifest_version: int) -> str | None:
    """The full image from a IIIF Image API service: {id}/full/{size}/0/default.jpg."""
    services = service if isinstance(service, list) else [service]
    for found in services:
        if not isinstance(found, dict):
            continue
        base = found.get("id") or found.get("@id")
        version = _image_api_version(found)
        if version == 0:  # another kind of service
            continue
        version = version or manifest_version
        if base:
            size, quality = {1: ("full", "native"), 2: ("full", "default")}.get(version, ("max", "default"))
            return f"{base.rstrip('/')}/full/{size}/0/{quality}.jpg"
    return None


def _image_api_version(service: dict) -> int | None:
    """The Image API version of a service, from its type (ImageService3), @context or
    profile (.../image/2/level1.json); a v3 manifest may point at a v2 service. Not an
    image service (e.g. a search service): 0."""
    kind = str(service.get("type") or service.get("@type") or "")
    if kind.startswith("ImageService") and kind[-1:].isdigit():
        return int(kind[-1])
    for key in ("@context", "profile"):
        values = service.get(key)
        for value in values if isinstance(values, list) else [values]:
            # 2.x and 3.x: iiif.io/api/image/N/...; 1.x: .../iiif/image-api/1.1/...
            found = re.search(r"iiif\.io/api/image/(\d)|/image-api/(\d)", str(value or ""))
            if found:
                return int(found.group(1) or found.group(2))
    return 0 if kind else None
