"""Forms of the meeting record, one module per area."""
