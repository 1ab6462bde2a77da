"""The archive app: stored minutes, their import, search and pages."""
