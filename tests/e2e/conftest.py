"""Fixtures for the end-to-end tests live in tests/conftest.py."""
