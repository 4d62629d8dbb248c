"""Rate limits and lock-outs: the pure decision (an injected clock, never a sleep) and
the attempts kept in the database, on both backends."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from cartoparti.commands import limits
from cartoparti.commands.limits import Limit, RateLimitedError, verdict

T0 = datetime(2026, 3, 1, 9, 0, 0)


def _at(*minutes: float) -> list[datetime]:
    return [T0 + timedelta(minutes=m) for m in minutes]


def test_a_sliding_window_allows_count_attempts_then_waits_for_the_oldest():
    rule = Limit(3, timedelta(minutes=10))
    assert verdict([], T0, rule).allowed
    assert verdict(_at(0, 1), T0 + timedelta(minutes=2), rule).allowed
    blocked = verdict(_at(0, 1, 2), T0 + timedelta(minutes=3), rule)
    assert not blocked.allowed and blocked.retry_at == T0 + timedelta(minutes=10)
    # the oldest left the window: one more is allowed
    assert verdict(_at(0, 1, 2), T0 + timedelta(minutes=10, seconds=1), rule).allowed
    # attempts in the future of `now` (another server's clock) do not count
    assert verdict(_at(5, 6, 7), T0, rule).allowed


def test_a_lockout_follows_the_nth_failure_and_doubles_each_time():
    rule = Limit(3, timedelta(minutes=15), lockout=timedelta(minutes=15), max_lockout=timedelta(minutes=40))
    first = verdict(_at(0, 1, 2), T0 + timedelta(minutes=2), rule)
    assert not first.allowed and first.retry_at == T0 + timedelta(minutes=17) and first.lockouts == 1
    assert verdict(_at(0, 1, 2), T0 + timedelta(minutes=17), rule).allowed
    # three more failures after the lock-out: twice as long
    second = verdict(_at(0, 1, 2, 20, 21, 22), T0 + timedelta(minutes=22), rule)
    assert second.retry_at == T0 + timedelta(minutes=52) and second.lockouts == 2
    # then capped by max_lockout
    third = verdict(_at(0, 1, 2, 20, 21, 22, 60, 61, 62), T0 + timedelta(minutes=62), rule)
    assert third.retry_at == T0 + timedelta(minutes=102) and third.lockouts == 3


def test_failures_spread_wider_than_the_window_never_lock():
    rule = Limit(3, timedelta(minutes=15), lockout=timedelta(minutes=15))
    assert verdict(_at(0, 10, 20, 30, 40), T0 + timedelta(minutes=40), rule).allowed


def test_attempts_while_locked_do_not_extend_the_lockout():
    rule = Limit(2, timedelta(minutes=15), lockout=timedelta(minutes=10))
    result = verdict(_at(0, 1, 5, 6, 7), T0 + timedelta(minutes=7), rule)
    assert result.retry_at == T0 + timedelta(minutes=11) and result.lockouts == 1


def test_a_limit_needs_a_count_and_a_window():
    with pytest.raises(ValueError):
        Limit(0, timedelta(minutes=1))
    with pytest.raises(ValueError):
        Limit(1, timedelta(0))


def test_the_wait_message_is_french_and_rounded_up():
    assert limits.wait_message(T0 + timedelta(seconds=61), T0) == (
        "Trop de tentatives en peu de temps : réessayez dans 2 minute(s)."
    )
    assert "1 minute(s)" in limits.wait_message(T0, T0)


def test_attempts_are_kept_by_hash_shared_and_purged(backend_store):
    store = backend_store
    key = limits.key_hash("contribution", "203.0.113.7")
    assert "203.0.113.7" not in key
    for m in (0, 1, 2):
        limits.hit(store, "contribution", "203.0.113.7", now=T0 + timedelta(minutes=m))
    store.record_attempt("contribution", limits.key_hash("contribution", "other"), T0)
    assert store.attempts("contribution", key, T0 + timedelta(minutes=1)) == _at(1, 2)
    assert store.attempts("support", key, T0) == []
    rule = Limit(3, timedelta(minutes=10))
    assert not limits.check(store, "contribution", "203.0.113.7", rule, now=T0 + timedelta(minutes=3)).allowed
    assert limits.check(store, "contribution", "198.51.100.1", rule, now=T0 + timedelta(minutes=3)).allowed
    with pytest.raises(RateLimitedError) as exc:
        limits.enforce(store, [("contribution", "203.0.113.7", rule), ("contribution", None, rule)],
                       now=T0 + timedelta(minutes=3))
    assert exc.value.retry_at == T0 + timedelta(minutes=10)
    assert "réessayez dans 7 minute(s)" in str(exc.value)
    # nothing was counted by the refusal
    assert len(store.attempts("contribution", key, T0)) == 3
    assert limits.purge(store, now=T0 + limits.MEMORY + timedelta(minutes=1, seconds=30)) == 3
    assert store.attempts("contribution", key, T0) == [T0 + timedelta(minutes=2)]
    assert store.clear_attempts("contribution", key) == 1
    assert store.attempts("contribution", key, T0) == []


def test_two_servers_share_the_attempts(backend_location):
    from cartoparti.storage import open_storage

    rule = Limit(2, timedelta(minutes=10))
    with open_storage(backend_location) as first:
        limits.hit(first, "follow", "browser-1", now=T0)
    with open_storage(backend_location) as second:
        limits.hit(second, "follow", "browser-1", now=T0 + timedelta(minutes=1))
        assert not limits.check(second, "follow", "browser-1", rule, now=T0 + timedelta(minutes=2)).allowed
