"""The development query set stays above the goal (same scoring as ../shared/eval)."""

import json
import math
import re
from pathlib import Path

QUERIES = Path(__file__).parent / "data" / "dev_queries.jsonl"
MAX_HIT_CHARS = 1500


def norm(text):
    return re.sub(r"\s+", "", text).lower()


def judge(query, hits):
    relevant = {norm(k): g for k, g in query["relevant"].items()}
    forbidden = [norm(k) for k in query.get("forbidden", [])]
    matched, gains, n_forbidden = set(), [], 0
    for hit in hits:
        text = norm(hit.text)
        n_forbidden += any(f in text for f in forbidden)
        best = None
        if len(text) <= MAX_HIT_CHARS:
            for key, grade in relevant.items():
                if key not in matched and key in text and (best is None or grade > relevant[best]):
                    best = key
        if best:
            matched.add(best)
        gains.append(relevant[best] if best else 0)
    dcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:10]))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg, len(matched) / len(relevant), n_forbidden


def test_dev_set_meets_the_goal(index):
    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    results = [judge(q, index.search(q["query"], meeting=q.get("meeting"), topic=q.get("topic"),
                                     limit=50)) for q in queries]
    ndcg = sum(r[0] for r in results) / len(results)
    recall = sum(r[1] for r in results) / len(results)
    assert ndcg >= 0.95, [round(r[0], 3) for r in results]
    assert recall >= 0.98
    assert sum(r[2] for r in results) == 0
