"""`python -m bazar_pos` runs the CLI."""

from bazar_pos.cli import run

run()
