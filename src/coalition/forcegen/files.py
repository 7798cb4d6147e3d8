"""Force-sourcing input files: capabilities, substitutions, regions, requirements, offers
and scenarios, validated with every problem named by file, line and field."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from pydantic import BaseModel, ConfigDict, Field

from coalition.datafiles import Parsed, did_you_mean, issue_at, parse_files
from coalition.domain.forcegen import (
    Capability,
    Conference,
    Offer,
    Region,
    Requirement,
    Scenario,
    Substitution,
)
from coalition.errors import DataFileError, DataIssue, NotFoundError
from coalition.forcegen.substitution import find_cycle

GLOBAL_CONDITIONS = ("ceasefire", "peace_agreement", "us_backstop", "un_mandate")
PER_STATE = re.compile(r"^(parliament|government):([A-Z]{3})$")


class ForceFile(BaseModel):
    """One file; any of the sections, merged across the files of a folder."""

    model_config = ConfigDict(extra="forbid")

    capabilities: list[Capability] = []
    substitutions: list[Substitution] = []
    regions: list[Region] = []
    requirements: list[Requirement] = []
    offers: list[Offer] = []
    scenarios: list[Scenario] = []
    conferences: list[Conference] = []
    #: How far from the line of contact "away from the front line" places a unit.
    away_from_front_line_km: float | None = None
    #: How far ahead standing lines are planned, rotation by rotation.
    planning_horizon_months: int | None = Field(default=None, ge=1, le=60)
    #: Speed of casualty evacuation between hubs, for enablers "within N hours".
    evacuation_kmh: float | None = Field(default=None, gt=0, le=1000)
    #: States that hold each capability (who to approach for a shortfall).
    holdings: dict[str, list[str]] = {}


@dataclass
class ForceData:
    """Everything force sourcing reads, merged and cross-checked."""

    capabilities: dict[str, Capability] = field(default_factory=dict)
    substitutions: list[Substitution] = field(default_factory=list)
    regions: dict[str, Region] = field(default_factory=dict)
    requirements: list[Requirement] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    conferences: list[Conference] = field(default_factory=list)
    away_from_front_line_km: float = 50.0
    planning_horizon_months: int = 12
    evacuation_kmh: float = 150.0
    holdings: dict[str, list[str]] = field(default_factory=dict)

    def scenario(self, name: str) -> Scenario:
        if name not in self.scenarios:
            raise NotFoundError(
                f"unknown scenario {name!r}{did_you_mean(name, self.scenarios)}; "
                f"known: {', '.join(self.scenarios)}"
            )
        return self.scenarios[name]


def valid_variable(name: str, conditions: set[str]) -> str | None:
    """None when ``name`` is a condition a scenario can set, else why not."""
    match = PER_STATE.match(name)
    if match:
        if pycountry.countries.get(alpha_3=match.group(2)) is None:
            return f"{match.group(2)!r} is not an ISO 3166-1 alpha-3 code"
        return None
    if name in conditions and name != "parliamentary_approval":
        return None
    return (
        f"unknown condition {name!r}{did_you_mean(name, conditions)}; use a condition code "
        "or parliament:XXX / government:XXX with a state's code"
    )


def load_force_data(paths: Sequence[Path], pledge_ids: set[str], conditions: set[str]) -> ForceData:
    """Read, merge and cross-check; raises DataFileError listing every problem."""
    parsed, issues = parse_files(paths, ForceFile)
    if issues:
        raise DataFileError(issues)
    data = ForceData()
    for item in parsed:
        data.capabilities.update((c.code, c) for c in item.model.capabilities)
        data.regions.update((r.code, r) for r in item.model.regions)
        data.substitutions += item.model.substitutions
        data.requirements += item.model.requirements
        data.offers += item.model.offers
        data.scenarios.update((s.id, s) for s in item.model.scenarios)
        data.conferences += item.model.conferences
        if item.model.away_from_front_line_km is not None:
            data.away_from_front_line_km = item.model.away_from_front_line_km
        if item.model.planning_horizon_months is not None:
            data.planning_horizon_months = item.model.planning_horizon_months
        if item.model.evacuation_kmh is not None:
            data.evacuation_kmh = item.model.evacuation_kmh
        data.holdings.update(item.model.holdings)
    issues = [i for item in parsed for i in _check(item, data, pledge_ids, conditions)]
    cycle = find_cycle(data.substitutions)
    if cycle:
        issues.append(
            DataIssue(
                ", ".join(str(p.path) for p in parsed),
                None,
                "substitutions",
                "substitutions form a cycle: " + " -> ".join(cycle),
            )
        )
    if issues:
        raise DataFileError(issues)
    return data


def _check(
    item: Parsed[ForceFile], data: ForceData, pledge_ids: set[str], conditions: set[str]
) -> list[DataIssue]:
    issues: list[DataIssue] = []
    model = item.model

    def need(loc: tuple[int | str, ...], value: str, known: Iterable[str], what: str) -> bool:
        known = list(known)
        if value in known:
            return True
        issues.append(issue_at(item, loc, f"unknown {what} {value!r}{did_you_mean(value, known)}"))
        return False

    for i, region in enumerate(model.regions):
        for j, code in enumerate(region.reachable_by):
            if pycountry.countries.get(alpha_3=code) is None:
                issues.append(issue_at(item, ("regions", i, "reachable_by", j),
                                       f"{code!r} is not an ISO 3166-1 alpha-3 code"))  # fmt: skip
    for i, s in enumerate(model.substitutions):
        need(("substitutions", i, "required"), s.required, data.capabilities, "capability")
        need(("substitutions", i, "substitute"), s.substitute, data.capabilities, "capability")
    # The first record of each id and each line number across every file of the data;
    # a later one is a duplicate, in the same file or another.
    first_id = {r.id: r for r in reversed(data.requirements)}
    first_line = {r.line: r for r in reversed(data.requirements) if r.line is not None}
    for i, r in enumerate(model.requirements):
        if first_id[r.id] is not r:
            issues.append(
                issue_at(item, ("requirements", i, "id"), f"requirement {r.id!r} listed twice")
            )
        if r.line is not None and first_line[r.line] is not r:
            already = f"line {r.line} is already {first_line[r.line].id!r}"
            issues.append(issue_at(item, ("requirements", i, "line"), already))
        need(("requirements", i, "capability"), r.capability, data.capabilities, "capability")
        if need(("requirements", i, "region"), r.region, data.regions, "region"):
            region = data.regions[r.region]
            if region.distance_to_front_km < r.min_distance_km:
                issues.append(
                    issue_at(
                        item,
                        ("requirements", i, "min_distance_km"),
                        f"contradictory: region {r.region!r} is {region.distance_to_front_km:g} km "
                        f"from the line of contact, the requirement asks for at least "
                        f"{r.min_distance_km:g} km",
                    )
                )
        for j, code in enumerate(r.exempt_from):
            need(("requirements", i, "exempt_from", j), code, conditions, "condition")
        if r.end is not None and r.end < r.start:
            issues.append(
                issue_at(
                    item, ("requirements", i, "end"), f"ends ({r.end}) before it starts ({r.start})"
                )
            )
        issues += _line_problems(item, i, r, data)
    for i, o in enumerate(model.offers):
        need(("offers", i, "capability"), o.capability, data.capabilities, "capability")
        need(("offers", i, "pledge_id"), o.pledge_id, pledge_ids, "registry pledge")
        for j, excluded in enumerate(o.excluded_regions):
            need(("offers", i, "excluded_regions", j), excluded, data.regions, "region")
        for j, condition in enumerate(o.conditions):
            problem = valid_variable(condition, conditions | {"parliamentary_approval"})
            if problem and condition != "parliamentary_approval":
                issues.append(issue_at(item, ("offers", i, "conditions", j), problem))
    for capability, states in model.holdings.items():
        need(("holdings", capability), capability, data.capabilities, "capability")
        for j, code in enumerate(states):
            if pycountry.countries.get(alpha_3=code) is None:
                issues.append(issue_at(item, ("holdings", capability, j),
                                       f"{code!r} is not an ISO 3166-1 alpha-3 code"))  # fmt: skip
    for i, conference in enumerate(model.conferences):
        if sum(c.round == conference.round for c in data.conferences) > 1:
            issues.append(issue_at(item, ("conferences", i, "round"),
                                   f"round {conference.round} recorded twice"))  # fmt: skip
        need(("conferences", i, "scenario"), conference.scenario, data.scenarios, "scenario")
        # Bids name lines of their day; a round checks them when it is read.
        pairs: set[tuple[str, str]] = set()
        for j, bid in enumerate(conference.bids):
            if (bid.offer, bid.line) in pairs:
                message = (f"a second bid of {bid.offer} for {bid.line} in round "
                           f"{conference.round}: one bid per offer and line")  # fmt: skip
                issues.append(issue_at(item, ("conferences", i, "bids", j), message))
            pairs.add((bid.offer, bid.line))
    for i, scenario in enumerate(model.scenarios):
        for name in scenario.assumptions:
            problem = valid_variable(name, conditions)
            if problem:
                issues.append(issue_at(item, ("scenarios", i, "assumptions", name), problem))
    return issues


def _line_problems(
    item: Parsed[ForceFile], i: int, r: Requirement, data: ForceData
) -> list[DataIssue]:
    """A line's own checks: a positive weight, known enablers, real states, and none of
    the fields planning sets."""
    issues: list[DataIssue] = []
    if r.weight <= 0:
        issues.append(issue_at(item, ("requirements", i, "weight"), "weight must be above 0"))
    for j, need in enumerate(r.enablers):
        if need.capability not in data.capabilities:
            hint = did_you_mean(need.capability, data.capabilities)
            issues.append(issue_at(item, ("requirements", i, "enablers", j, "capability"),
                                   f"unknown capability {need.capability!r}{hint}"))  # fmt: skip
    for j, code in enumerate(r.filled_by):
        if pycountry.countries.get(alpha_3=code) is None:
            issues.append(issue_at(item, ("requirements", i, "filled_by", j),
                                   f"{code!r} is not an ISO 3166-1 alpha-3 code"))  # fmt: skip
    for name in ("of_line", "period", "enables"):
        if getattr(r, name) is not None:
            issues.append(issue_at(item, ("requirements", i, name),
                                   f"{name} is set by planning, not in a file"))  # fmt: skip
    return issues
