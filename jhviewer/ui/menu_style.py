"""Menus whose items are never cut short, whatever the language.

Qt measures a menu item's text with its mnemonic marker taken out ("切换语言(&L)" is
measured as "切换语言(L)"), but the style shortens the text to fit with the marker still
in it, so where no shortcut column gives a menu spare width, a Chinese item came out as
"切换语…(L)". `MenuItemRoom` gives each item with a marker the marker's width back.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QMenu,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionMenuItem,
    QWidget,
)


class MenuItemRoom(QProxyStyle):
    """The application's style, with room for the mnemonic marker in menu items."""

    def sizeFromContents(
        self, kind: QStyle.ContentsType, option: QStyleOption | None, size: QSize,
        widget: QWidget | None = None,
    ) -> QSize:
        result = super().sizeFromContents(kind, option, size, widget)
        if (kind == QStyle.ContentsType.CT_MenuItem and isinstance(option, QStyleOptionMenuItem)
                and "&" in option.text):
            result.setWidth(result.width() + option.fontMetrics.horizontalAdvance("&") * 2)
        return result


def give_menus_room(owner: QWidget, menus: list[QMenu]) -> None:
    """Use one `MenuItemRoom`, kept by `owner` (the main window), for `menus`."""
    style = MenuItemRoom()
    style.setParent(owner)
    for menu in menus:
        menu.setStyle(style)
