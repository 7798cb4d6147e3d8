"""YAML with line numbers, so that a validation error can name the file, line and field.

PyYAML knows where each node starts while parsing and forgets it once it builds Python
objects; this loader keeps the line of every mapping key and sequence item.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml


class LocatedMap(dict[Any, Any]):
    """A dict that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]


class LocatedList(list[Any]):
    """A list that remembers the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> LocatedMap:
    loader.flatten_mapping(node)
    result = LocatedMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise DuplicateKeyError(
                "while reading a mapping",
                node.start_mark,
                f"key {key!r} appears twice",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_list(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)


def _timestamp_as_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    # PyYAML would build a date itself and crash on "2025-13-04"; leave dates to the
    # schema, whose error names the field and line.
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def load_yaml(path: Path) -> Any:
    """Parse ``path``; raises ``yaml.YAMLError`` (with a mark) on malformed text."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)  # _Loader is a SafeLoader


def line_of(document: Any, loc: Sequence[int | str]) -> int | None:
    """The line of the deepest node along ``loc`` (a pydantic error location)."""
    line: int | None = getattr(document, "line", None)
    node = document
    for step in loc:
        if isinstance(node, LocatedMap) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LocatedList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line


def field_path(loc: Sequence[int | str]) -> str:
    """``('pledges', 3, 'events', 0, 'status')`` -> ``pledges[3].events[0].status``."""
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text
