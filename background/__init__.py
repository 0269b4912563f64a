"""Background work that survives its broker: the outbox, safe dispatch and the sweep.

A task that follows a saved change is written as an ``OutboxMessage`` in the change's own
transaction and published to the broker once it commits. A failed publish is logged, never
raised: the change stays saved and the periodic sweep (``background_sweep``) publishes the
message again once the broker is back. With no broker configured, tasks run in a thread of
the web process so pages still show progress.
"""
