from tests.feeds.conftest import secret, seeds  # noqa: F401  (the same seeds and closed-item fixture)
