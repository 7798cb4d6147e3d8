"""Who a sentence speaks of: people (by full name or surname, mapped to the state or
organisation they served on the article's date, from the registry's people file) and
states or organisations named directly, by adjective or by metonym ("the Kremlin")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from coalition.errors import CoalitionError
from coalition.osint.lexicon import Lexicon, lexicons


@dataclass(frozen=True)
class Mention:
    start: int  # offsets in the sentence
    end: int
    actor: str  # ISO 3166-1 alpha-3 or organisation code
    person: str | None  # registry person id


@dataclass(frozen=True)
class _Role:
    actor: str
    start: dt.date
    end: dt.date | None


class Gazetteer:
    """Names to actors; built from the registry's people and the OSINT gazetteer."""

    @classmethod
    def of(cls, data_dir: Path) -> Gazetteer:
        """The gazetteer of a data folder (the registry's people, the OSINT names)."""
        return cls(data_dir / "registry" / "people.yaml", data_dir / "osint" / "gazetteer.yaml")

    def __init__(self, people_file: Path, gazetteer_file: Path) -> None:
        try:
            people = yaml.safe_load(people_file.read_text(encoding="utf-8"))["people"]
            names = yaml.safe_load(gazetteer_file.read_text(encoding="utf-8"))["actors"]
        except (OSError, KeyError, TypeError, yaml.YAMLError) as exc:
            raise CoalitionError(f"cannot read the gazetteer: {exc}") from exc
        self.roles: dict[str, list[_Role]] = {}
        person_names: dict[str, str] = {}
        for person in people:
            self.roles[person["id"]] = [
                _Role(r["actor"], r["start"], r.get("end")) for r in person.get("roles", [])
            ]
            full = person["name"]
            person_names[full] = person["id"]
            person_names[full.split()[-1]] = person["id"]  # surname alone
            plain = full.replace("á", "a").replace("ó", "o").replace("é", "e")
            person_names[plain] = person["id"]
            person_names[plain.split()[-1]] = person["id"]
        self.people = person_names
        # Each language's lexicon (names, cues, numbers), beside the gazetteer file.
        folder = gazetteer_file.parent / "languages"
        self.languages: dict[str, Lexicon] = lexicons(folder) if folder.is_dir() else {}
        self.names = {str(alias): str(code) for code, aliases in names.items() for alias in aliases}
        words = sorted(set(self.people) | set(self.names), key=len, reverse=True)
        # Not "anti-Russian", "pro-Russian": those describe, they do not name an actor.
        self._pattern = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?:'s|\u2019s)?(?![\w-])"
        )

    def actor_of(self, person: str, on: dt.date | None) -> str | None:
        roles = self.roles.get(person, [])
        for role in roles:
            if on is None or (role.start <= on and (role.end is None or on < role.end)):
                return role.actor
        return roles[-1].actor if roles and on is None else None

    def mentions(self, sentence: str, on: dt.date | None) -> list[Mention]:
        found = []
        for match in self._pattern.finditer(sentence):
            word = match.group(1)
            if word in self.people:
                person = self.people[word]
                actor = self.actor_of(person, on)
                if actor:
                    found.append(Mention(match.start(), match.end(), actor, person))
            else:
                found.append(Mention(match.start(), match.end(), self.names[word], None))
        return found
