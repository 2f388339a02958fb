from tests.accounts.fixtures import static_root, world

__all__ = ["static_root", "world"]
