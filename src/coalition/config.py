"""Settings shared by the CLI and (later) the server, read from the environment."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

#: The repository's ``data/`` folder when run from a checkout.
REPO_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class Settings(BaseSettings):
    """``COALITION_DB_URL`` picks the database: SQLite by default, PostgreSQL by URL
    (``postgresql+psycopg://user@host/db``)."""

    model_config = SettingsConfigDict(env_prefix="COALITION_")

    db_url: str = "sqlite:///coalition.sqlite3"
    data_dir: Path = REPO_DATA_DIR
    #: The country the guarantees are for: it is not counted among the contributors.
    beneficiary: str = "UKR"
    #: Browser origins allowed to call the API from other sites; none by default.
    cors_origins: list[str] = []
    #: Seconds the server may serve registry reads from its in-memory snapshot after a
    #: write made by another process (0: read the database on every request).
    snapshot_ttl: float = 2.0
    #: Where the signing keys live (outside the database): the newest private key signs
    #: reports, every public key verifies them.
    keys_dir: Path = Path.home() / ".local" / "share" / "coalition" / "keys"

    @property
    def registry_dir(self) -> Path:
        return self.data_dir / "registry"
