"""The admin tests' users, for the hostile uploads."""

from tests.admin.conftest import clerk, clerk_client, superuser  # noqa: F401
