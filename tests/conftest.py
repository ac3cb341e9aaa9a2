"""Test-wide settings."""

from hypothesis import settings

# Wall-clock deadlines make property tests flaky on a loaded 2-core CI machine; speed is
# measured by `make bench`, not asserted here.
settings.register_profile("resdiff", deadline=None)
settings.load_profile("resdiff")
