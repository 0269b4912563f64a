"""Pages of the meeting record, one module per area (meetings, agenda, actions, ...)."""
