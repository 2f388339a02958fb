from tests.portal.registry_fixture import _static_root, registry

__all__ = ["_static_root", "registry"]
