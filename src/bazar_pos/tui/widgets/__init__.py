"""Reusable widgets of the booth app."""
