"""The sources app's signals, in a module of their own so that connecting to them (at every start-up,
from other apps' AppConfig.ready) does not import the fetcher and its HTTP client."""

from django.dispatch import Signal

# Sent after a fetch pass imported new lists: order_keys=[...] (the new snapshots' order keys).
lists_imported = Signal()
