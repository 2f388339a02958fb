"""Oversight writes: complaint cases."""
