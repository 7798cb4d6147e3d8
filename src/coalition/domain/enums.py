"""Closed vocabularies of the domain. Values are the strings used in data files and output."""

from __future__ import annotations

from enum import StrEnum


class ActorKind(StrEnum):
    STATE = "state"
    ORGANISATION = "organisation"


class Domain(StrEnum):
    """Where forces serve."""

    LAND = "land"
    SEA = "sea"
    AIR = "air"


class ContributionKind(StrEnum):
    """What a pledge offers: forces (``troops``, with domains) or non-troop support."""

    TROOPS = "troops"
    WEAPONS = "weapons"
    TRAINING = "training"
    INTELLIGENCE = "intelligence"
    TECHNOLOGY = "technology"
    FINANCING = "financing"
    SANCTIONS = "sanctions"
    HUMANITARIAN = "humanitarian"
    LOGISTICS = "logistics"
    HEADQUARTERS_STAFF = "headquarters_staff"
    MONITORING = "monitoring"
    SECURITY_GUARANTEE = "security_guarantee"


class Status(StrEnum):
    """What a statement says about a pledge."""

    ANNOUNCED = "announced"
    CONSIDERING = "considering"  # "do not exclude": open, nothing offered yet
    CONDITIONAL = "conditional"
    RULED_OUT = "ruled_out"
    GOVERNMENT_APPROVED = "government_approved"
    PARLIAMENT_APPROVED = "parliament_approved"
    DEPLOYED = "deployed"
    WITHDRAWN = "withdrawn"
    REFUSED = "refused"  # a formal no, e.g. a parliament voting a deployment down

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").replace(" approved", "-approved")


class Bucket(StrEnum):
    """The situation report's coarse reading of a status."""

    IN = "in"
    CONDITIONAL = "conditional"
    OPEN = "open"
    OUT = "out"
    UNKNOWN = "unknown"


class StanceKind(StrEnum):
    """A position on the coalition's plans by an actor that pledges nothing (e.g. Russia)."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"


#: How committed a status is; on one day, disagreeing statements are read at the lowest.
COMMITMENT: dict[Status, int] = {
    Status.RULED_OUT: 0,
    Status.REFUSED: 0,
    Status.WITHDRAWN: 0,
    Status.CONSIDERING: 1,
    Status.CONDITIONAL: 2,
    Status.ANNOUNCED: 3,
    Status.GOVERNMENT_APPROVED: 4,
    Status.PARLIAMENT_APPROVED: 5,
    Status.DEPLOYED: 6,
}

BUCKET_OF: dict[Status, Bucket] = {
    Status.RULED_OUT: Bucket.OUT,
    Status.REFUSED: Bucket.OUT,
    Status.WITHDRAWN: Bucket.OUT,
    Status.CONSIDERING: Bucket.OPEN,
    Status.CONDITIONAL: Bucket.CONDITIONAL,
    Status.ANNOUNCED: Bucket.IN,
    Status.GOVERNMENT_APPROVED: Bucket.IN,
    Status.PARLIAMENT_APPROVED: Bucket.IN,
    Status.DEPLOYED: Bucket.IN,
}
