"""Entities: the knowledge base, the linker, and the recognizer for names the base lacks."""
