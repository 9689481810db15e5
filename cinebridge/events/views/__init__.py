"""Views of the events pages: festivals, the organisers' programme pages and the public programme."""
