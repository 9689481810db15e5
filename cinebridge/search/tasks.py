"""Celery tasks of the search app."""

from celery import shared_task

from .services import search_rebuild_dirty


@shared_task(name="search.rebuild_dirty")
def rebuild_dirty() -> int:
    """Rebuild every stale search document; returns how many were rebuilt."""
    return search_rebuild_dirty()
