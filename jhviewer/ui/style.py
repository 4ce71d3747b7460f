"""Typography and colours: a few text roles scaled together, colours from the palette.

Widgets get a role with `set_role`; presentation mode changes the scale and `restyle`
re-applies every role, so big numbers grow with the body text. Colours come from palette
roles (Link for accent figures, PlaceholderText for captions) so light and dark system
themes both work; only the search highlight and chart colours are fixed, chosen to read
on either background.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from jhviewer.fonts import bundled_font

PRESENTATION_SCALE = 1.5
SEARCH_HIGHLIGHT = QColor("#ffd24d")  # marker yellow; text on it is always black
SEARCH_HIGHLIGHT_TEXT = QColor("#000000")
_ROLE_PROPERTY = "jhRole"


class Role(StrEnum):
    BODY = "body"
    CAPTION = "caption"
    EYEBROW = "eyebrow"
    HEADING = "heading"
    SUBTITLE = "subtitle"
    TITLE = "title"
    FIGURE = "figure"
    CARD_FIGURE = "card-figure"
    UNIT = "unit"
    TIER = "tier"
    STRONG = "strong"


# point size at scale 1, bold
_FONTS: dict[Role, tuple[float, bool]] = {
    Role.BODY: (10.5, False),
    Role.CAPTION: (9.5, False),
    Role.EYEBROW: (10.0, True),
    Role.HEADING: (15.0, True),
    Role.SUBTITLE: (12.0, False),
    Role.TITLE: (24.0, True),
    Role.FIGURE: (30.0, True),
    Role.CARD_FIGURE: (26.0, True),
    Role.UNIT: (12.0, False),
    Role.TIER: (26.0, True),
    Role.STRONG: (11.5, True),
}

_state = {"scale": 1.0}


def scale() -> float:
    return _state["scale"]


def set_scale(value: float) -> None:
    _state["scale"] = value


def point_size(role: Role) -> float:
    return _FONTS[role][0] * scale()


def font_for(role: Role) -> QFont:
    size, bold = _FONTS[role]
    return bundled_font(size * scale(), bold=bold)


def set_role(widget: QWidget, role: Role) -> None:
    widget.setProperty(_ROLE_PROPERTY, role.value)
    widget.setFont(font_for(role))


def apply_app_scale(app: QApplication) -> None:
    """The application's default font at the current scale (menus, tables, dialogs)."""
    app.setFont(font_for(Role.BODY))


def restyle(root: QWidget) -> None:
    """Re-apply every role under `root` after the scale changed."""
    for widget in [root, *root.findChildren(QWidget)]:
        role = widget.property(_ROLE_PROPERTY)
        if isinstance(role, str) and role in _FONTS:
            widget.setFont(font_for(Role(role)))


def muted(label: QLabel) -> QLabel:
    """Secondary text: the palette's placeholder colour, which themes keep readable."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def accent_colour(palette: QPalette) -> QColor:
    """The palette's highlight colour, darkened or lightened until it reads as text."""
    colour = palette.color(QPalette.ColorRole.Highlight)
    hue, saturation, lightness, alpha = colour.getHslF()
    lightness = max(lightness, 0.68) if is_dark(palette) else min(lightness, 0.40)
    return QColor.fromHslF(max(hue, 0.0), saturation, lightness, alpha)


def accent(label: QLabel) -> QLabel:
    """Figures and kickers in the accent colour (derived from the palette, see above)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, accent_colour(palette))
    label.setPalette(palette)
    return label


def blend(first: QColor, second: QColor, amount: float) -> QColor:
    """`first` moved `amount` (0..1) of the way towards `second`."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * amount,
        first.greenF() + (second.greenF() - first.greenF()) * amount,
        first.blueF() + (second.blueF() - first.blueF()) * amount,
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
