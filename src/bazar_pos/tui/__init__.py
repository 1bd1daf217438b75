"""The booth's terminal UI (Textual). Screens call the same services as the CLI."""
