"""bazar-pos: point of sale and stock tracker for bazaar booths."""

__version__ = "0.1.0"
