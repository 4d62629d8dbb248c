"""Both backends implement the storage contract (cartoparti.storage.base) exactly: every
method of every Protocol, with the same parameters, names, kinds and defaults."""

from __future__ import annotations

import inspect

import pytest

from cartoparti.storage import base
from cartoparti.storage.duckdb import DuckDBStorage
from cartoparti.storage.postgis import PostgisStorage

PROTOCOLS = [base.Session, base.TerritoryStore, base.ContributionStore, base.LifecycleStore,
             base.ResidentStore, base.NotifyStore, base.AccountStore, base.CountStore,
             base.PriorityStore, base.ClusterStore, base.PlanStore,
             base.BackupStore, base.RightsStore, base.AbuseStore]


def _methods(protocol: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in vars(protocol).items()
        if callable(member) and (not name.startswith("_") or name in ("__enter__", "__exit__"))
    }


def _shape(signature: inspect.Signature) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


@pytest.mark.parametrize("backend", [DuckDBStorage, PostgisStorage], ids=["duckdb", "postgis"])
@pytest.mark.parametrize("protocol", PROTOCOLS, ids=lambda p: p.__name__)
def test_backend_implements_the_protocol(backend, protocol):
    for name, signature in _methods(protocol).items():
        assert hasattr(backend, name), f"{backend.__name__} lacks {protocol.__name__}.{name}"
        assert _shape(inspect.signature(getattr(backend, name))) == _shape(signature), name


def test_the_store_protocol_gathers_every_concept():
    assert set(PROTOCOLS) <= set(base.Store.__mro__)
    # and nothing public of a backend is left out of the contract
    contract = {n for p in PROTOCOLS for n in _methods(p)}
    for backend in (DuckDBStorage, PostgisStorage):
        public = {n for n, m in inspect.getmembers(backend, callable) if not n.startswith("_")}
        assert public - contract == set(), backend.__name__


def test_open_stores_are_stores(store, backend_store):
    assert isinstance(store, base.Store) and isinstance(backend_store, base.Store)
