"""Accounts: the glossary's roles as groups, login, and who may read which minutes."""
