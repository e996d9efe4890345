"""The reference server's own endpoints under /_reference/ (not the service's): state, faults, clock,
outcomes."""
