"""Views of the store: networkx graphs for analysis and self-contained HTML pages for reading."""

__all__: list[str] = []
