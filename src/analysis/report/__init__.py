"""Presentation: plots, the notebook runner and the static site."""
