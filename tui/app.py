"""Placeholder replaced by the dashboard module."""
