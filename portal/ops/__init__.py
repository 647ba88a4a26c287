"""Operations: database faults, readiness, metrics and structured logs."""
