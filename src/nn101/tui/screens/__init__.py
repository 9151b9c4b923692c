"""Screens pushed over the playground (help; later, learning from data)."""
