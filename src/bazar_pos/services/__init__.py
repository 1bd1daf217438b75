"""Use cases that span rooms (booth, documents, sync): the only callers of several at once.

The CLI and the TUI call these; the booth, documents and sync never call up into them.
"""
