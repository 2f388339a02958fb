from tests.accounts.fixtures import static_root, world
from tests.oversight.helpers import clean_marks

__all__ = ["clean_marks", "static_root", "world"]
