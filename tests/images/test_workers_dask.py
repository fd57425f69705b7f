"""The Dask seam: the example catalog built on a LocalCluster is the same PDF as one built locally."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.builder import BuildOptions, build
from catalog.images.workers import SchedulerError, Workers
from tests.support import REPO as EXAMPLE

distributed = pytest.importorskip("distributed", reason="Dask's distributed is not installed: pip install '.[dask]'")


@pytest.mark.slow
def test_example_on_a_local_cluster_matches_the_local_pool(tmp_path: Path) -> None:
    local = build(EXAMPLE, BuildOptions(out=tmp_path / "local.pdf", cache=False, jobs=2))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = build(EXAMPLE, BuildOptions(out=tmp_path / "dask.pdf", cache=False,
                                             scheduler=cluster.scheduler_address))
        ran = {name: sum(prefix.state_counts.values()) for name, prefix in cluster.scheduler.task_prefixes.items()}
    assert remote.images == local.images and remote.images.prepared > 0
    assert ran.get("make_or_fail", 0) >= remote.images.prepared  # the cluster did the work
    assert (tmp_path / "dask.pdf").read_bytes() == (tmp_path / "local.pdf").read_bytes()


def test_jobs_on_a_cluster_carry_the_image_bytes() -> None:
    assert Workers(scheduler="tcp://127.0.0.1:1").remote and not Workers(jobs=2).remote


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SchedulerError) as caught, Workers(scheduler="tcp://127.0.0.1:9", connect_timeout=1).open(1):
        pass
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in str(caught.value)
