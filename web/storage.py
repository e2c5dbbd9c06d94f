"""Private files: storage that no URL serves (settings.STORAGES["private"], at PRIVATE_ROOT).

Exports with buyers' names and emails live here; a view that checks the person streams them.
"""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(FileSystemStorage):
    """A file system storage without URLs: nothing may link to these files, only stream them."""

    def url(self, name):
        raise NotImplementedError("Private files have no URL; a view that checks the person streams them.")


class _PrivateStorageProxy(LazyObject):
    # Looked up at first use, and again when a test changes STORAGES (a field keeps the object it was given).
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = _PrivateStorageProxy()


def private_storage_get():
    """For a FileField's `storage=`: the configured private storage."""
    return private_storage


@receiver(setting_changed)
def _private_storage_reset(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty
