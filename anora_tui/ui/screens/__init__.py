"""Screens pushed over the reader: help and the quote search."""
