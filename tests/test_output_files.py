"""Files written with -o: their mode, replacing with --force, and symbolic links (through the command line)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from iranfocus_cli import output
from iranfocus_cli.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def umask():
    """Set the process umask for one test: ``umask(0o077)``; the old one comes back after."""
    old = os.umask(0o022)
    yield os.umask
    os.umask(old)


@pytest.fixture(params=["unnamed", "named"])
def temp_kind(request, monkeypatch, tmp_path):
    """Both ways of making the temporary file: unnamed (O_TMPFILE) where the system allows, and named."""
    if request.param == "named":
        monkeypatch.setattr(output, "_unnamed", lambda folder: None)
    else:
        fd = output._unnamed(str(tmp_path))
        if fd is None:
            pytest.skip("this system cannot link an unnamed temporary file")
        os.close(fd)
    return request.param


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_export_honours_the_umask(tmp_path, umask, temp_kind, mask, expected):
    out = tmp_path / "k.jsonl"
    umask(mask)
    r = run("export", "-k", "khamenei", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert mode(out) == expected
    assert lines(out) > 0 and os.listdir(tmp_path) == ["k.jsonl"]


@pytest.mark.parametrize(("old_mode", "mask"), [(0o644, 0o077), (0o640, 0o022), (0o600, 0o022), (0o664, 0o077)])
def test_force_keeps_the_mode_of_the_replaced_file(tmp_path, umask, temp_kind, old_mode, mask):
    out = tmp_path / "k.jsonl"
    out.write_text("old\n")
    out.chmod(old_mode)
    umask(mask)
    r = run("export", "--kind", "caption", "-o", str(out), "--force")
    assert r.exit_code == 0, r.stderr
    assert mode(out) == old_mode
    assert lines(out) == 66 and os.listdir(tmp_path) == ["k.jsonl"]


def test_force_keeps_the_group_of_the_replaced_file(tmp_path, umask):
    others = [g for g in os.getgroups() if g != os.getegid()]
    gid = 4242 if os.geteuid() == 0 else (others[0] if others else None)
    if gid is None:
        pytest.skip("the user has no second group to hand the file to")
    out = tmp_path / "k.jsonl"
    out.write_text("old\n")
    os.chown(out, -1, gid)
    out.chmod(0o640)
    r = run("export", "-o", str(out), "--force")
    assert r.exit_code == 0, r.stderr
    assert os.stat(out).st_gid == gid and mode(out) == 0o640


def test_without_force_an_existing_file_is_kept(tmp_path, temp_kind):
    out = tmp_path / "k.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    r = run("export", "-o", str(out))
    assert r.exit_code == 1 and "exists; use --force" in r.stderr
    assert out.read_text() == "old\n" and mode(out) == 0o640 and os.listdir(tmp_path) == ["k.jsonl"]


def test_force_on_a_link_replaces_the_file_it_points_to(tmp_path, umask, temp_kind):
    (tmp_path / "runs").mkdir()
    target = tmp_path / "runs" / "2018.json"
    target.write_text("stale\n")
    target.chmod(0o640)
    link = tmp_path / "latest.json"
    link.symlink_to(Path("runs") / "2018.json")
    umask(0o077)
    r = run("export", "--format", "json", "-k", "rajavi", "-o", str(link), "--force")
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("runs") / "2018.json")
    items = json.loads(target.read_text())
    assert items and all("rajavi" in (i["title"] or "").lower() + i["text"].lower() for i in items)
    assert mode(target) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["latest.json", "runs"] and os.listdir(tmp_path / "runs") == ["2018.json"]
    assert "wrote" in r.stderr and "latest.json" in r.stderr


def test_without_force_a_link_is_refused_and_its_file_kept(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("keep\n")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    r = run("export", "-o", str(link))
    assert r.exit_code == 1 and "exists; use --force" in r.stderr
    assert link.is_symlink() and target.read_text() == "keep\n"
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    assert run("export", "-o", str(dangling)).exit_code == 1
    assert not (tmp_path / "nowhere.json").exists()


def test_force_on_a_dangling_link_creates_its_file(tmp_path, umask):
    link = tmp_path / "link.jsonl"
    link.symlink_to(tmp_path / "new.jsonl")
    umask(0o022)
    r = run("export", "--kind", "caption", "-o", str(link), "--force")
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and lines(tmp_path / "new.jsonl") == 66 and mode(tmp_path / "new.jsonl") == 0o644


def test_a_link_loop_is_refused(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    r = run("export", "-o", str(tmp_path / "a"), "--force")
    assert r.exit_code == 1 and "is a link that cannot be followed" in r.stderr
    assert sorted(os.listdir(tmp_path)) == ["a", "b"] and (tmp_path / "a").is_symlink()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a link to another user")
def test_another_users_link_in_a_sticky_shared_folder_is_not_followed(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "precious.txt"
    victim.write_text("precious\n")
    link = shared / "out.json"
    link.symlink_to(victim)
    os.lchown(link, 4243, 4243)
    r = run("export", "-o", str(link), "--force")
    assert r.exit_code == 1 and "owned by another user in a shared folder" in r.stderr
    assert victim.read_text() == "precious\n" and link.is_symlink()


def test_something_other_than_a_file_is_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = run("export", "-o", str(fifo), "--force")
    assert r.exit_code == 1 and "not a regular file" in r.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_report_uses_the_same_writer(tmp_path, umask, temp_kind):
    out = tmp_path / "r.html"
    umask(0o022)
    assert run("report", "--person", "Rouhani", "-o", str(out)).exit_code == 0
    assert mode(out) == 0o644 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out.write_text("old")
    out.chmod(0o600)
    r = run("report", "--person", "Rouhani", "-o", str(out))
    assert r.exit_code == 1 and "exists; use --force" in r.stderr and out.read_text() == "old"
    r = run("report", "--person", "Rouhani", "-o", str(out), "--force")
    assert r.exit_code == 0 and mode(out) == 0o600 and "</html>" in out.read_text(encoding="utf-8")
    assert os.listdir(tmp_path) == ["r.html"]


def test_a_failed_report_leaves_no_file(tmp_path, temp_kind):
    out = tmp_path / "r.html"
    r = run("report", "(unclosed", "-o", str(out))
    assert r.exit_code == 2 and "bad regex" in r.stderr
    assert os.listdir(tmp_path) == []
