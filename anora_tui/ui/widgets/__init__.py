"""Reusable widgets the panes and screens are built of: link list, key bar, title bar, track switch, film strip."""
