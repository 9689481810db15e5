"""Forms of the events pages: festivals (`festivals`) and programmes (`programmes`)."""
