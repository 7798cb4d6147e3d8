"""What every match of a regular expression must contain, read from the expression's own
parse (the standard library's): groups of words, one of each group in every match. A
text that lacks one cannot match, so the stance cues are searched only in texts that have
them all (on the benchmark's English sentences, 33,000 searches instead of 216,000).

Only what the expression requires counts: literal text in sequence, inside a group that
must match, in every branch of an alternation (the branch's word, one of them), and in a
repeat of at least one; lookarounds, optional parts and character classes add nothing.
The parse takes a common start out of alternatives ("will|would" is "w" then "ill|ould"):
the words are then the shorter ones, still in every match.

Names are found the same way: the two letters each actor's name begins with, so that only
the words of a text that begin so are tried (``name_prefixes``)."""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser
from typing import Any

#: A word shorter than this is in nearly every text: not worth testing for.
_SHORTEST = 3


def required_groups(pattern: str) -> tuple[frozenset[str], ...]:
    """Groups of casefolded words: every match of ``pattern`` (case-insensitive) holds at
    least one word of each group."""
    found: list[frozenset[str]] = []
    _walk(_parser.parse(pattern, re.IGNORECASE), found)
    return tuple(found)


def _walk(items: Any, found: list[frozenset[str]]) -> None:
    run = ""

    def flush() -> None:
        nonlocal run
        if len(run.strip()) >= _SHORTEST:
            found.append(frozenset({run.casefold()}))
        run = ""

    for op, value in items:
        if op is sre.LITERAL:
            run += chr(value)
            continue
        flush()
        if op is sre.SUBPATTERN:
            _walk(value[-1], found)
        elif op is sre.BRANCH:
            either: set[str] = set()
            for branch in value[1]:
                inner: list[frozenset[str]] = []
                _walk(branch, inner)
                if not inner:
                    break  # a branch that requires nothing: the alternation neither
                either |= max(inner, key=lambda group: min(len(w) for w in group))
            else:
                found.append(frozenset(either))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[0] >= 1:
            _walk(value[2], found)
    flush()


def has_all(text: str, groups: tuple[frozenset[str], ...]) -> bool:
    """Whether the casefolded ``text`` has a word of every group (plain loops: called for
    every cue of every sentence, and faster than nested generators here)."""
    for group in groups:
        for word in group:
            if word in text:
                break
        else:
            return False
    return True


_LITERAL = re.compile(r"(?:\\b|\(\?[:i]+:?|\(\?<![^)]*\)|\()*([^\W\d_]{2}[^\W\d_]?)")


def _other_branch(rest: str, open_groups: int) -> bool:
    """Whether the group a name's first letters open goes on to another branch
    ("(?:MZS|Posolstvo...)": the second word is a start as good as the first)."""
    depth, i = open_groups, 0
    while i < len(rest) and depth > 0:
        char = rest[i]
        if char == "\\":
            i += 1
        elif char == "[":  # a class: its "|" and ")" are letters
            close = rest.find("]", i + 2)
            i = close if close >= 0 else len(rest)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == open_groups:
            return True
        i += 1
    return False


def name_prefixes(table: dict[str, Any]) -> tuple[set[str], list[str]]:
    """The two letters each name begins with, where its pattern starts with two plain
    letters (after ``\\b`` or a group's opening); the other patterns as they are."""
    found: set[str] = set()
    loose: list[str] = []
    for names in table.values():
        for name in names if isinstance(names, list) else [names]:
            match = _LITERAL.match(name)
            rest = name[match.end() :] if match else ""
            opened = match.group(0).count("(") - match.group(0).count(")") if match else 0
            if (
                match
                and not rest.startswith(("?", "*", "{"))
                and "|" not in name[: match.end()]
                and not _other_branch(rest, opened)
            ):
                found.add(match.group(1).casefold())
            else:
                loose.append(f"(?i:{name})")
    return found, loose
