"""Open-source tracking: read news articles (text or HTML), strip boilerplate, detect each
passage's language and appended translations, find near-duplicate articles, and extract
the positions and pledges they report, each with its evidence, for a person to review."""
