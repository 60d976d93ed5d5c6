"""The resources of the clients, one module each (as openai-python's ``resources/``).

``client.clips`` (``clips``) with its sub-resources ``collaborators`` and ``comments``, and the
transfer, download and upload methods it mixes in (``transfers``, ``download``, ``upload``).
Each module keeps its sync and async classes side by side over shared plain functions; every
class is a ``SyncAPIResource`` or ``AsyncAPIResource`` (``.._resource``), the one way to its
client, and none talks to httpx on its own.
"""

from .clips import AsyncClips, Clips
from .collaborators import AsyncCollaborators, Collaborators
from .comments import AsyncComments, Comments

__all__ = [
    "AsyncClips",
    "AsyncCollaborators",
    "AsyncComments",
    "Clips",
    "Collaborators",
    "Comments",
]
