"""Who may use the shared server and what they did: users with roles, hashed passwords
(argon2), bearer tokens, and the append-only audit log of writes."""
