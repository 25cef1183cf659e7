from tests.importer.integration.conftest import demo

__all__ = ["demo"]
