"""The booth app's dialogs, one module per feature; screens ask them, never each other."""
