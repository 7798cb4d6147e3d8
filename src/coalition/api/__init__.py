"""The REST API (FastAPI): one router per capability, each a thin layer over the same
library functions the CLI calls; roles enforced per route; every write audited."""
