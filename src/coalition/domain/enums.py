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
    # A signed political declaration or letter of intent: more than words at a press
    # conference, less than a government's decision to deploy.
    DECLARED = "declared"
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
        if self is Status.DECLARED:
            return "declaration of intent"
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
    Status.DECLARED: 4,
    Status.GOVERNMENT_APPROVED: 5,
    Status.PARLIAMENT_APPROVED: 6,
    Status.DEPLOYED: 7,
}

BUCKET_OF: dict[Status, Bucket] = {
    Status.RULED_OUT: Bucket.OUT,
    Status.REFUSED: Bucket.OUT,
    Status.WITHDRAWN: Bucket.OUT,
    Status.CONSIDERING: Bucket.OPEN,
    Status.CONDITIONAL: Bucket.CONDITIONAL,
    Status.ANNOUNCED: Bucket.IN,
    Status.DECLARED: Bucket.IN,
    Status.GOVERNMENT_APPROVED: Bucket.IN,
    Status.PARLIAMENT_APPROVED: Bucket.IN,
    Status.DEPLOYED: Bucket.IN,
}


class SourceKind(StrEnum):
    """What a source is. Any source that quotes may carry a primary statement (the
    speaker's words quoted directly); commentaries, opinions, blogs and reference works
    paraphrase, so what they carry is secondary."""

    TRANSCRIPT = "transcript"
    COMMUNIQUE = "communique"
    OFFICIAL = "official"
    NEWS_AGENCY = "news_agency"
    STATE_MEDIA = "state_media"
    NEWS = "news"
    COMMENTARY = "commentary"
    OPINION = "opinion"
    BLOG = "blog"
    REFERENCE = "reference"

    @property
    def can_quote(self) -> bool:
        """May carry the speaker's words verbatim (a direct quote a person marks primary);
        commentaries, opinions, blogs and reference works paraphrase."""
        return self not in PARAPHRASE


PARAPHRASE = frozenset(
    {SourceKind.COMMENTARY, SourceKind.OPINION, SourceKind.BLOG, SourceKind.REFERENCE}
)


class Reliability(StrEnum):
    """Admiralty (NATO AJP-2.1) grade of a source's reliability."""

    A = "A"  # completely reliable
    B = "B"  # usually reliable
    C = "C"  # fairly reliable
    D = "D"  # not usually reliable
    E = "E"  # unreliable
    F = "F"  # reliability cannot be judged

    @property
    def label(self) -> str:
        return RELIABILITY_LABEL[self]


RELIABILITY_LABEL = {
    Reliability.A: "completely reliable",
    Reliability.B: "usually reliable",
    Reliability.C: "fairly reliable",
    Reliability.D: "not usually reliable",
    Reliability.E: "unreliable",
    Reliability.F: "reliability cannot be judged",
}

#: Admiralty grades of the credibility of one piece of information (1 best).
CREDIBILITY_LABEL = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
