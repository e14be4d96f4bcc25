"""Screens over the main debugger view: the heap browser and the key help."""
