"""A IIIF Presentation manifest (version 2 or 3) -> its canvases, in order.

The pages of the encoded copies are mapped to the canvases in order (the first page of
the first copy to the first canvas): surface/@sameAs is the canvas, graphic/@url the
image painted on it (the image's own id, or its image service's full-size URL).
"""

from __future__ import annotations

import json

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
                image = body.get("id") or _service(body.get("service"), "max")
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
            image = resource.get("@id") or _service(resource.get("service"), "full")
            break
    return Canvas(canvas["@id"], image, _number(canvas.get("width")), _number(canvas.get("height")))


def _service(service, size: str) -> str | None:
    """The full image from a IIIF Image API service: {id}/full/{max|full}/0/default.jpg."""
    service = service[0] if isinstance(service, list) and service else service
    if not isinstance(service, dict):
        return None
    base = service.get("id") or service.get("@id")
    return f"{base.rstrip('/')}/full/{size}/0/default.jpg" if base else None
