"""The community office's web pages on the hub (``/office/``, issue 17).

Server-rendered (Jinja2 templates and CSS shipped in this package, the chart drawn
as SVG on the server: nothing is fetched from elsewhere), in zh_CN and English,
behind an office login with roles (viewer, manager). ``install(app)`` adds them to
the hub app; the API under ``/api/v1`` keeps its station tokens.
"""

from checkpoint_desk.hub.office.pages import install

__all__ = ["install"]
