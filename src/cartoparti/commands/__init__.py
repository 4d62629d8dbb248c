"""Commands: one per user action (submit, answer, hide, merge, support, delete…).

Each checks its input and the acting user, writes in one transaction through the
storage (with its audit entry), then does its side effects. Commands take the store
as their first argument.
"""
