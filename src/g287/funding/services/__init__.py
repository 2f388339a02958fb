"""Funding writes: claims (with their equipment and vehicle lines) and quarterly settlement with its statements."""
