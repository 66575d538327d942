"""Front matter: YAML ('---'), TOML ('+++') or an HTML comment of 'key: value' lines at the top of
a text file. It is the file's metadata (documents.meta_*), never part of the text."""
from __future__ import annotations

import re

_KEY_VALUE = re.compile(r"^\s*([A-Za-zÅÄÖåäö_][\w .-]{0,40}?)\s*[:=]\s*(.*?)\s*$")


def _yaml(block: str) -> dict | None:
    import yaml
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _toml(block: str) -> dict | None:
    import tomllib
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError:
        return _key_values(block)


def _key_values(block: str) -> dict | None:
    """'key: value' lines (an HTML comment's front matter); None unless every non-blank line is one."""
    out = {}
    for line in block.split("\n"):
        if not line.strip():
            continue
        m = _KEY_VALUE.match(line)
        if not m:
            return None
        out[m.group(1).strip()] = m.group(2).strip().strip("'\"")
    return out or None


def split_front_matter(text: str) -> tuple[dict, str, int]:
    """(metadata, the text after the front matter, number of lines the front matter took).
    Without front matter: ({}, text, 0)."""
    lead = text[: len(text) - len(text.lstrip("\n"))]
    body = text[len(lead):]
    for opener, closer, parse in (("---", ("---", "..."), _yaml), ("+++", ("+++",), _toml)):
        if body.startswith(opener + "\n"):
            lines = body.split("\n")
            for j in range(1, min(len(lines), 300)):
                if lines[j].strip() in closer:
                    meta = parse("\n".join(lines[1:j]))
                    if meta is not None:
                        return meta, "\n".join(lines[j + 1:]), lead.count("\n") + j + 1
                    break
    if body.startswith("<!--"):
        end = body.find("-->")
        if end > 0:
            meta = _key_values(body[4:end])
            if meta:
                rest = body[end + 3:]
                return meta, rest.lstrip(" \t"), lead.count("\n") + body[:end + 3].count("\n")
    return {}, text, 0
