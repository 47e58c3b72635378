"""The visits-per-hour chart, drawn on the server as SVG (no script, nothing fetched)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT, AXIS = 720, 200, 24


def hourly_svg(per_hour: list[int], hour_starts: list[datetime], title: str) -> Markup:
    """A bar per hour (labelled every third hour), scaled to the busiest hour."""
    top = max(per_hour, default=0) or 1
    step = WIDTH / max(len(per_hour), 1)
    plot = HEIGHT - AXIS
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="0" y1="{plot}" x2="{WIDTH}" y2="{plot}" class="axis"/>',
    ]
    for n, (count, start) in enumerate(zip(per_hour, hour_starts, strict=True)):
        height = round(plot * count / top, 1)
        x = round(n * step + 2, 1)
        hour = start.astimezone().strftime("%H")
        parts.append(
            f'<rect x="{x}" y="{plot - height}" width="{round(step - 4, 1)}" '
            f'height="{height}" class="bar"><title>{hour}:00 · {count}</title></rect>'
        )
        if count:
            parts.append(
                f'<text x="{x + step / 2 - 2:.1f}" y="{max(plot - height - 3, 10):.1f}" '
                f'class="value">{count}</text>'
            )
        if n % 3 == 0:
            parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 6}" class="label">{hour}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
