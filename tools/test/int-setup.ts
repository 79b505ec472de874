// Integration tests talk to real servers: allow them time (per-project testTimeout is not honoured by Jest).
jest.setTimeout(120_000);
