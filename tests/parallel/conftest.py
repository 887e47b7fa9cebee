"""Inputs for the parallel runs: the repository's samples, plus a JSON Lines file of our own with a
line that cannot be read, so read errors travel through the runs too; and the runners, started once
for the session: a pool of two local workers and a Dask LocalCluster of two worker processes."""

import json
import shutil
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parents[2] / "samples"

OWN_ARTICLES = [
    {"id": "own-1", "lang": "fa", "outlet": "ایرنا", "published": "2024-03-11",
     "title": "دیدار وزیر نیرو با سفیر ترکمنستان",
     "text": "وزیر نیرو روز شنبه در تهران با سفیر ترکمنستان دیدار کرد و دو طرف درباره انتقال برق گفتگو کردند. "
             "وی گفت این همکاری تا پایان سال ادامه خواهد یافت."},
    {"id": "own-2", "lang": "ar", "outlet": "سانا", "published": "2024-04-02",
     "title": "افتتاح معرض الكتاب في دمشق",
     "text": "افتتح وزير الثقافة اليوم الثلاثاء معرض الكتاب السنوي في دمشق بمشاركة مئتي دار نشر عربية. "
             "ويستمر المعرض عشرة أيام."},
]


@pytest.fixture(scope="session")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SAMPLES / "txt", folder / "txt")
    shutil.copytree(SAMPLES / "jsonl", folder / "jsonl")
    lines = [json.dumps(OWN_ARTICLES[0], ensure_ascii=False), "{not json", json.dumps(OWN_ARTICLES[1],
                                                                                      ensure_ascii=False)]
    (folder / "jsonl" / "own.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder



@pytest.fixture(scope="session")
def workers():
    from rasad.parallel import LocalWorkers

    with LocalWorkers(2) as pool:
        yield pool


@pytest.fixture(scope="session")
def cluster():
    distributed = pytest.importorskip("distributed", reason="Dask runs need dask[distributed]")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  worker_dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="session")
def dask_workers(cluster):
    from rasad.parallel.cluster import DaskWorkers

    with DaskWorkers(cluster.scheduler_address) as runner:
        yield runner
