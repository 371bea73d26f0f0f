"""Markdown tables for the matching benchmark (pasted into the README as printed)."""

from __future__ import annotations

import statistics
import sys
from typing import Any

Row = tuple[str, int, float, float]


def recall_table(title: str, rows: list[Row]) -> None:
    print(f"| surface form ({title}) | tried | Postguard recall | naive deny-list |")
    print("|---|---:|---:|---:|")
    for form, n, ours, naive in rows:
        print(f"| {form} | {n} | {ours:.1f}% | {naive:.1f}% |")
    print()


def alarms_table(alarms: dict[str, Any]) -> None:
    print("| ordinary posts (fortunes) | posts | blocked | warned | naive blocked | naive warned |")
    print("|---|---:|---:|---:|---:|---:|")
    labels = (
        ("no roster name written in them", "plain"),
        ("all, incl. real people who share a roster name", "all"),
    )
    for label, key in labels:
        ours, naive, n = alarms[key]
        shares = [100 * c[level] / max(n, 1) for c in (ours, naive) for level in ("block", "warn")]
        print(f"| {label} | {n:,} | " + " | ".join(f"{v:.2f}%" for v in shares) + " |")
    print("\nFlagged in posts with no roster name written in them:", alarms["top"], "\n")


def contacts_table(rows: list[Row]) -> None:
    print("| contact check | cases | Postguard correct | naive deny-list correct |")
    print("|---|---:|---:|---:|")
    for category, n, ours, naive in rows:
        print(f"| {category} | {n} | {ours:.1f}% | {naive:.1f}% |")
    print()


def speed_table(speeds: list[dict[str, float]], posts: list[str]) -> None:
    print("| people | build | index memory | process RSS | p50 / p99 | p99 CPU | naive p50 / p99 |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for s in speeds:
        print(
            f"| {s['size']:,} | {s['build_s']:.2f} s | {s['index_mb']:.0f} MB "
            f"| {s['rss_mb']:.0f} MB | {s['p50']:.3f} / {s['p99']:.3f} ms | {s['cpu_p99']:.3f} ms "
            f"| {s['naive_p50']:.3f} / {s['naive_p99']:.3f} ms |"
        )
    mean = statistics.mean(len(p) for p in posts)
    print(
        f"\n({len(posts)} posts timed per size, in-process, name rules only (normalise, search, "
        f"grade); p99 CPU is the thread's own CPU time, unaffected by other processes on a shared "
        f"machine; python {sys.version.split()[0]}; mean post {mean:.0f} characters)"
    )
