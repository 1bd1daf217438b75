"""The organizer's web pages for phones on the hub's network (FastAPI routes, Jinja2 templates).

No CDN, no build step: a stylesheet and one small script for live refresh, both served from here.
"""

from bazar_pos.hub.web.pages import create_router

__all__ = ["create_router"]
