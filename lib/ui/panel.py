"""What every output panel shares: ``value``, what it shows, and ``stale``, why that is no longer
the page's plan; setting either draws the panel again.

A mixin, put first among the bases, since some panels are anywidgets and some ipywidgets boxes:
``class FindingList(Panel, anywidget.AnyWidget)``. A panel draws in ``_draw``, from ``value`` and
``stale``; it keeps ``value`` as given unless its ``_keep`` says otherwise (a tuple of findings).
"""


class Panel:
    """Shows ``value``; marks it as the last valid plan's while ``stale`` holds a reason."""

    _value = None
    _stale: str | None = None

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, value) -> None:
        self._value = self._keep(value)
        self._draw()

    @property
    def stale(self) -> str | None:
        """Why the page's entries are no plan now (what a refused file says), or None."""
        return self._stale

    @stale.setter
    def stale(self, reason: str | None) -> None:
        if reason != self._stale:  # drawn again only when it changes: a table redraws slowly
            self._stale = reason
            self._draw()

    def _keep(self, value):
        """What the panel keeps of a new value: the value itself, unless the panel says."""
        return value

    def _draw(self) -> None:
        """Show ``value``, marked while ``stale``: a panel that looks the same then draws only
        its value, and one whose value is not drawn (a file's) draws nothing."""
