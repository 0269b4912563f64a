"""Horizontal bar charts drawn on the server as SVG.

Every figure of the numbers page is a horizontal bar chart: one row per meeting or
economy, so the labels stay on the left and readable on a 390-pixel phone screen, and a
tall chart scrolls like the page. The SVG uses presentation attributes only (no <style>,
no style="", no script), so it renders under a strict Content-Security-Policy, and it
carries a title and a description for screen readers; the numbers themselves are in the
table printed beside each chart.
"""
import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 360  # the viewBox width: drawn at 100% of its column, ~1 CSS px per unit at 390 px
FONT = 12
LABEL_CHAR = 6.6  # average width of a character at FONT (upper case is wider), for the label column
PALETTE = ["#0b5cad", "#e08a00", "#1a8a5a", "#b8467f", "#5a6b7b"]  # distinct in colour and in grey
GRID = "#d7dde3"
TEXT = "#212529"


@dataclass
class Series:
    name: str
    values: list[int]


def _nice_step(maximum: int, ticks: int = 4) -> int:
    """A round step (1, 2, 5 × 10^n) giving about ``ticks`` grid lines up to ``maximum``."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return int(multiple * power)
    return int(10 * power)


def _text(x, y, content, *, anchor="start", size=FONT, weight="normal", fill=TEXT) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}" '
        f'fill="{fill}">{escape(content)}</text>'
    )


def bar_chart(*, title: str, labels: list[str], series: list[Series], stacked: bool = False,
              chart_id: str) -> SafeString:
    """An SVG horizontal bar chart: one row per label, one bar per series (side by side, or
    stacked end to end with ``stacked``), a legend when there is more than one series."""
    rows = len(labels)
    label_width = min(130, max(44, max((len(label) for label in labels), default=4) * LABEL_CHAR + 8))
    left, right = label_width, WIDTH - 30
    if stacked or len(series) == 1:
        bar, row_height = 14, 20
    else:
        bar = 11
        row_height = bar * len(series) + 8
    legend_height = 22 if len(series) > 1 else 0
    top = legend_height + 6
    plot_height = rows * row_height
    height = top + plot_height + 22
    totals = [sum(s.values[i] for s in series) for i in range(rows)] if stacked else []
    maximum = max(totals or [v for s in series for v in s.values] or [0])
    step = _nice_step(max(maximum, 1))
    scale_max = max(step * math.ceil(max(maximum, 1) / step), 1)

    def x_of(value):
        return left + (right - left) * value / scale_max

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart" id="{chart_id}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">Horizontal bar chart, {rows} row{"s" if rows != 1 else ""}; '
        f'the table beside it gives the numbers.</desc>',
    ]
    # Legend.
    if legend_height:
        x = left
        for index, item in enumerate(series):
            parts.append(f'<rect x="{x:.1f}" y="6" width="10" height="10" fill="{PALETTE[index % len(PALETTE)]}"/>')
            parts.append(_text(x + 14, 15, item.name))
            x += 14 + len(item.name) * LABEL_CHAR + 14
    # Grid and axis.
    for tick in range(0, scale_max + 1, step):
        x = x_of(tick)
        parts.append(f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{top + plot_height}" stroke="{GRID}" '
                     f'stroke-width="1"/>')
        parts.append(_text(x, top + plot_height + 15, f"{tick}", anchor="middle", size=11))
    # Rows.
    for row, label in enumerate(labels):
        y = top + row * row_height
        middle = y + row_height / 2
        parts.append(_text(left - 6, middle + FONT / 3, label, anchor="end"))
        if stacked:
            start = 0
            for index, item in enumerate(series):
                value = item.values[row]
                if value:
                    parts.append(
                        f'<rect x="{x_of(start):.1f}" y="{middle - bar / 2:.1f}" '
                        f'width="{x_of(start + value) - x_of(start):.1f}" height="{bar}" '
                        f'fill="{PALETTE[index % len(PALETTE)]}"><title>{escape(label)}: {escape(item.name)} '
                        f'{value}</title></rect>'
                    )
                start += value
            parts.append(_text(x_of(start) + 4, middle + 4, f"{start}", size=10))
        else:
            for index, item in enumerate(series):
                value = item.values[row]
                bar_y = y + 4 + index * bar
                parts.append(
                    f'<rect x="{left:.1f}" y="{bar_y:.1f}" width="{x_of(value) - left:.1f}" height="{bar - 1}" '
                    f'fill="{PALETTE[index % len(PALETTE)]}"><title>{escape(label)}: {escape(item.name)} '
                    f'{value}</title></rect>'
                )
                parts.append(_text(x_of(value) + 3, bar_y + bar - 2, f"{value}", size=10))
    parts.append(f'<line x1="{left}" y1="{top - 2}" x2="{left}" y2="{top + plot_height}" stroke="{TEXT}" '
                 f'stroke-width="1"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
