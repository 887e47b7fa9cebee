"""Events: PLOVER coding of who did what to whom, from Persian and Arabic text (see docs/events.md)."""
