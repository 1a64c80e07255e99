"""Shared helpers for content files edited by city staff: errors that say `file:line: what`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from civicbot.text import clean


@dataclass(frozen=True)
class ContentError:
    """One mistake in a content file, reported as ``file:line: reason``."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


class ContentFileError(Exception):
    def __init__(self, error: ContentError) -> None:
        super().__init__(str(error))
        self.error = error


def load_yaml(text: str, path: str, first_line: int = 1) -> object:
    """Parse YAML; a syntax error becomes a ContentFileError pointing at the line in the file.

    The text goes through ``civicbot.text.clean`` first (the hygiene step every entry point shares):
    content files are typed on every kind of computer, and a stray control character or decomposed
    Hangul in a category or poll would otherwise reach the public feeds. Line numbers do not change.
    """
    text = clean(text)
    try:
        # libyaml's parser when present: ten times faster, and start-up reads every content file.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        reason = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise ContentFileError(ContentError(path, line, f"invalid YAML: {reason}")) from None
    except yaml.YAMLError as exc:
        raise ContentFileError(ContentError(path, first_line, f"invalid YAML: {exc}")) from None
    except ValueError as exc:
        # YAML reads an unquoted 2019-13-45 as a date, and the date it cannot be raises a bare
        # ValueError with no line: it stopped `civicbot index` and the server's start outright.
        value, line = _impossible_date(text)
        raise ContentFileError(
            ContentError(
                path, first_line + line, f"{value} is not a real date ({exc}): write it as 2019-12-31"
            )
        ) from None


def _impossible_date(text: str) -> tuple[str, int]:
    """(the first date-shaped value YAML cannot turn into a date, its line from 0), found on the
    parsed nodes, which still know where they were written."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        nodes, dates = [loader.get_single_node()], []
        while nodes:
            node = nodes.pop()
            if isinstance(node, yaml.MappingNode):
                nodes.extend(part for pair in node.value for part in pair)
            elif isinstance(node, yaml.SequenceNode):
                nodes.extend(node.value)
            elif node is not None and node.tag == "tag:yaml.org,2002:timestamp":
                dates.append(node)
        for node in sorted(dates, key=lambda node: node.start_mark.index):
            try:
                loader.construct_yaml_timestamp(node)
            except ValueError:
                return repr(node.value), node.start_mark.line
    finally:
        loader.dispose()
    return "a date", 0


def key_line(text: str, key: str, first_line: int = 1) -> int:
    """The line where ``key:`` is written, so a bad value can be pointed at precisely."""
    for number, line in enumerate(text.splitlines(), start=first_line):
        if line.lstrip().startswith(f"{key}:"):
            return number
    return first_line


def relative_name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
