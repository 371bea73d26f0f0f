#!/usr/bin/env python3
"""Break each of the product's core promises on purpose and prove a named test notices.

    python scripts/mutation_check.py          # every mutation (about two minutes)
    python scripts/mutation_check.py --list   # what is broken, and which tests must notice

Each mutation is one exact text replacement in a temporary copy of the tree (the file must hold
the original exactly once, so a refactor that moves the code fails loudly here instead of
silently testing nothing). The named tests then run against the copy; a mutation "survives" when
they all still pass, and any survivor fails the check. The table it prints says which test caught
each break.

Run from the project's environment (scripts/test.sh runs it after the test suite).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutation:
    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]  # pytest node ids, or extension/test/*.test.js files for node


# The one comparison of a request's Origin with the origin pinned at pairing (server/security.py
# _pinned_origin, used by the token check and the identity probe).
PINNED_CHECK = "    if passage.origin != pair.origin:\n"

MUTATIONS = (
    Mutation(
        "no encryption: the roster and its index are stored in the clear",
        "companion/roster/sealing.py",
        "                piece[:] = sealed\n",
        "                pass  # left as it was\n",
        ("tests/security/test_encryption_at_rest.py",),
    ),
    Mutation(
        "wrong leaving age: 16 in the policy data",
        "policy_data/rules.toml",
        "legal_leaving_age = 18",
        "legal_leaving_age = 16",
        ("tests/roster/test_leaving_dates.py",),
    ),
    Mutation(
        "origin check removed: web pages may call the companion",
        "companion/server/security.py",
        "if origin is not None and not EXTENSION_ORIGIN.match(origin):",
        "if False:",
        (
            "tests/server/test_channel_security.py::test_foreign_origins_are_403",
            "tests/server/test_channel_security.py::test_pairing_from_a_web_page_is_refused",
        ),
    ),
    Mutation(
        "pinned origin removed: any extension may use a token",
        "companion/server/security.py",
        PINNED_CHECK,
        "    if False:\n",
        ("tests/server/test_channel_security.py",),
    ),
    Mutation(
        "rate limiter open",
        "companion/server/ratelimit.py",
        "        if bucket.tokens < cost:\n            return False",
        "        if False:\n            return False",
        (
            "tests/server/test_channel_security.py::test_rate_limit_per_token",
            "tests/redteam/test_server_abuse.py::test_the_rate_limit_meters_work_not_requests",
        ),
    ),
    Mutation(
        "pairing window never closes after wrong codes",
        "companion/server/pairs.py",
        'if state["attempts"] >= self.max_attempts:',
        "if False:",
        ("tests/server/test_channel_security.py::test_five_wrong_codes_close_the_window",),
    ),
    Mutation(
        "family contacts allowed",
        "companion/rules/contacts.py",
        'found.append(self._graded(ctx, "friend-family", by_role[Role.CONTACT]))',
        "pass",
        ("tests/matching/test_contacts.py",),
    ),
    Mutation(
        "unsigned or altered bundle accepted",
        "companion/distribution/bundle.py",
        "        signer.verify(data[signed_length:], data[:signed_length])",
        "        pass",
        ("tests/distribution/test_bundle_format.py",),
    ),
    Mutation(
        "rollback is a no-op",
        "companion/roster/store.py",
        "            swapped = [*entries[:-2], entries[-1], entries[-2]]",
        "            swapped = entries",
        (
            "tests/roster/test_store.py::"
            "test_rollback_restores_the_previous_version_and_a_second_one_undoes_it",
        ),
    ),
    Mutation(
        "UTF-16 offsets as Python indices",
        "companion/textspan.py",
        "return [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]",
        "return list(range(len(text) + 1))",
        ("tests/server/test_api.py::test_pupil_full_name_is_blocked_with_clause_and_utf16_span",),
    ),
    Mutation(
        "Ctrl+Enter not intercepted in X's composer",
        "extension/sites/x.js",
        "if (editor && isEditor(editor) && (event.ctrlKey || event.metaKey)) {",
        "if (false) {",
        ("extension/test/x-adapter.test.js",),
    ),
    Mutation(
        "a page's language shown without the English fallback",
        "extension/background/languages.js",
        'return CARRIED.includes(primary) ? primary : "en";',
        "return primary;",
        ("extension/test/locales.test.js",),
    ),
    Mutation(
        "page scripts may drive the extension (untrusted clicks checked)",
        "extension/content/events.js",
        "const isPersonsInput = (event) => event.isTrusted === true;",
        "const isPersonsInput = () => true;",
        ("extension/test/intercept.test.js",),
    ),
    Mutation(
        "hints ask the companion on every keystroke",
        "extension/content/hints.js",
        "const wait = Math.max(quietMs, lastAskedAt + minIntervalMs - now(), restUntil - now());",
        "const wait = 0;",
        ("extension/test/hints.test.js",),
    ),
    Mutation(
        "no roster, no warning: verdicts say nothing when names are not checked",
        "companion/engine/engine.py",
        "        findings += self._roster_state(snapshot, request.account)\n",
        "",
        (
            "tests/cli/test_no_roster.py::test_cli_check_without_a_roster_says_names_are_not_checked",
        ),
    ),
    Mutation(
        "the shrink guard is gone: a partial export wipes the roster",
        "companion/cli/roster_cmd.py",
        "        shrinks = shrinkage(self.before.diff) if self._refuse_shrink else []\n",
        "        shrinks = []\n",
        (
            "tests/roster/test_import_guards.py::"
            "test_an_import_that_removes_most_pupils_is_refused_until_the_dpo_says_so",
        ),
    ),
    Mutation(
        "age clears a photo: faces that do not look like a child's pass the school's accounts",
        "companion/rules/photo.py",
        "        if any(a.faces for a in attachments):\n",
        "        if any(a.faces and a.children for a in attachments):\n",
        (
            "tests/photos/test_children.py::"
            "test_a_child_the_estimate_misses_is_still_warned_about_and_blocked",
            "tests/photos/test_children.py::"
            "test_what_the_extension_sends_back_words_the_finding_at_submit",
        ),
    ),
    Mutation(
        "ONNX Runtime's usage reporting left on: a device id and events kept, and sent",
        "companion/photos/__init__.py",
        'os.environ["ORT_DISABLE_TELEMETRY"] = "1"',
        'os.environ.setdefault("ORT_DISABLE_TELEMETRY", "0")',
        (
            "tests/security/test_privacy_at_rest.py::"
            "test_checking_a_photo_turns_onnx_runtime_s_telemetry_off",
        ),
    ),
    Mutation(
        "no face is ever taken for a child's",
        "companion/photos/ages.py",
        "        return int((under >= CHILD_BELIEF).sum())",
        "        return 0",
        ("tests/photos/test_children.py::test_children_s_faces_are_named_as_children_s",),
    ),
    Mutation(
        "an animation's first frame alone is looked at, and nothing said of the others",
        "companion/photos/decode.py",
        "        return Frames(frames, total)",
        "        return Frames(frames[:1], 1)",
        (
            "tests/photos/test_animations.py::"
            "test_a_face_in_a_later_frame_of_an_animation_is_found",
            "tests/photos/test_animations.py::"
            "test_frames_not_looked_at_are_a_warning_never_a_silent_allow",
        ),
    ),
    Mutation(
        "the lines read on two threads come back widest first, not in the page's order",
        "companion/photos/line_reader.py",
        "        lines = [by_line[i] for i in range(len(img))]",
        "        lines = [by_line[i] for i in widest_first]",
        (
            "tests/photos/test_lines_on_both_threads.py::"
            "test_a_certificates_lines_are_read_by_both_threads_as_rapidocr_reads_them",
        ),
    ),
    Mutation(
        "a photo scaled to less than 0.6 of its size is sampled bilinear: fine print aliased",
        "companion/photos/decode.py",
        "            method = cv2.INTER_LINEAR if scale >= bilinear_from else cv2.INTER_AREA",
        "            method = cv2.INTER_LINEAR",
        (
            "tests/photos/test_upright.py::"
            "test_a_photo_shrunk_to_less_than_0_6_of_its_size_as_decoded_is_still_averaged",
        ),
    ),
    Mutation(
        "the made-up page is run while the photo that started the worker waits for it",
        "companion/photos/worker.py",
        "    if _photo_came.is_set():\n        return\n    try:\n        page = _warm_up_page()",
        "    if False:\n        return\n    try:\n        page = _warm_up_page()",
        ("tests/photos/test_warm_worker.py",),
    ),
)


def copy_tree(target: Path) -> None:
    """The tree as a fresh clone would have it, plus uncommitted work; nothing ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    modules = ROOT / "node_modules"
    if modules.is_dir():
        (target / "node_modules").symlink_to(modules)


def run_tests(tree: Path, tests: tuple[str, ...]) -> tuple[bool, str]:
    """(all passed, what ran): pytest for node ids, node --test for the extension's files."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    node = [t for t in tests if t.endswith(".test.js")]
    python = [t for t in tests if not t.endswith(".test.js")]
    commands = []
    if python:
        commands.append(
            [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *python]
        )
    if node:
        commands.append(["node", "--test", *node])
    passed = all(
        subprocess.run(argv, cwd=tree, env=env, capture_output=True, check=False).returncode == 0
        for argv in commands
    )
    ran = ", ".join(Path(t.split("::")[0]).name + t[len(t.split("::")[0]) :] for t in tests)
    return passed, ran


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    parser.add_argument("--only", help="run the mutations whose name contains this")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if not args.only or args.only in m.name]
    if args.list:
        for m in chosen:
            print(f"- {m.name}\n    {m.path}\n    caught by: {', '.join(m.tests)}")
        return 0
    survivors = 0
    print(f"{'mutation':70} {'result':9} {'seconds':>7}  caught by")
    with tempfile.TemporaryDirectory(prefix="postguard-mutation-") as tmp:
        base = Path(tmp) / "tree"
        copy_tree(base)
        for mutation in chosen:
            tree = Path(tmp) / "mutant"
            if tree.exists():
                shutil.rmtree(tree)
            shutil.copytree(base, tree, symlinks=True)
            target = tree / mutation.path
            source = target.read_text("utf-8")
            if source.count(mutation.old) != 1:
                print(
                    f"{mutation.name:70} {'MOVED':9} {'':>7}  the code to break is not in "
                    f"{mutation.path} exactly once: update this script"
                )
                survivors += 1
                continue
            target.write_text(source.replace(mutation.old, mutation.new), "utf-8")
            started = time.monotonic()
            passed, ran = run_tests(tree, mutation.tests)
            seconds = time.monotonic() - started
            result = "SURVIVED" if passed else "caught"
            survivors += passed
            print(f"{mutation.name:70} {result:9} {seconds:7.1f}  {ran}")
    print(f"{len(chosen) - survivors} of {len(chosen)} mutations caught")
    return 1 if survivors else 0


if __name__ == "__main__":
    raise SystemExit(main())
