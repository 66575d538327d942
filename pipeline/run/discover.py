"""Find the files of an archive: every path under an input, each either to be read or skipped with
a reason, so that every one of them gets its documents row (issue 16).

The walk is I/O at the edge of the pipeline and trusts nothing it finds:

* **Kinds.** A regular file with a suffix the ingest stage reads is read. Everything else found
  under an input folder is *skipped*, with the reason: a file of an unsupported kind, a hidden
  file or folder ('.git', '.DS_Store') or an Office lock file ('~$…'), a fifo, socket or device
  (never opened: opening a fifo blocks), a dangling symlink, a symlink loop.
* **Symlinks.** A symlink is followed only inside the input tree (the real path of the input
  folder): one that points outside it is skipped ("outside the input tree"), so a link in a
  handed-over archive cannot pull `/etc/passwd` or a private folder into the dataset. With
  ``follow_external=True`` (``minutes run --follow-symlinks``) such links are read too. A
  symlinked folder inside the tree is read once: a folder reached again (a loop, or a second
  link to it) is skipped with the path it was read under.
* **Names.** A file name that is not valid UTF-8 is kept (Python holds it with surrogate
  escapes); :func:`display_path` shows its bytes as ``\\xNN`` so that every text column stays
  valid UTF-8.
* **Given files.** A file named on the command line is read whatever its suffix or name (the user
  chose it), with its folder as the root; only a fifo, device or dangling link is skipped.

Duplicates (the same bytes at two paths) are found later, by the runner, from the content hash.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__
from pipeline.contract.record import MinutesRecord
from pipeline.contract.schema import DOCUMENTS
from pipeline.stages.ingest import SUPPORTED_SUFFIXES, source_path_for

__all__ = ["Found", "discover", "display_path", "path_id", "skipped_record"]


@dataclass(frozen=True)
class Found:
    """One path found under an input: read it (``skip`` is None) or record why it is skipped."""
    path: Path
    root: Path
    skip: str | None = None

    @property
    def source_path(self) -> str:
        return source_path_for(self.path, self.root)


def display_path(path: str | os.PathLike) -> str:
    """The path as valid UTF-8 text: bytes that are not UTF-8 are shown as '\\xNN'."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


def path_id(path: Path, root: Path) -> str:
    """A doc_id for a path that is not read (a skipped path has no content to hash)."""
    return hashlib.sha256(b"path:" + os.fsencode(source_path_for(path, root))).hexdigest()[:16]


def skipped_record(found: Found, reason: str, doc_id: str | None = None) -> MinutesRecord:
    """The documents row of a path that is not read (status 'skipped', the reason in ``error``).

    The file is never opened: its doc_id is a hash of its path unless one is given (a duplicate
    keeps the hash of its content).
    """
    row: dict = {name: None for name in DOCUMENTS.names if name != "meeting_year"}
    suffix = found.path.suffix.lstrip(".").lower()
    row.update(doc_id=doc_id or path_id(found.path, found.root), source_path=found.source_path,
               format=display_path(suffix) or None, ocr=False, ocr_pages=[], warnings=[], status="skipped",
               error=reason, pipeline_version=__version__)
    return MinutesRecord(document=row)


def _kind_of(mode: int) -> str | None:
    """Why a file of this mode is never opened; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a fifo (named pipe): not read"
    if stat.S_ISSOCK(mode):
        return "a socket: not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device: not read"
    return "not a regular file: not read"


def _hidden(name: str) -> str | None:
    if name.startswith("~$"):
        return "an Office lock file"
    if name.startswith("."):
        return "a hidden file"
    return None


def _within(path: str, tree: str) -> bool:
    return path == tree or path.startswith(tree.rstrip(os.sep) + os.sep)


class _Walk:
    """The walk of one input folder."""

    def __init__(self, root: Path, follow_external: bool):
        self.root = root
        self.tree = os.path.realpath(root)
        self.follow_external = follow_external
        self.seen_dirs: dict[str, Path] = {}
        self.found: list[Found] = []

    def skip(self, path: Path, reason: str) -> None:
        self.found.append(Found(path, self.root, reason))

    def run(self) -> list[Found]:
        self.seen_dirs[self.tree] = self.root
        self._folder(self.root)
        return self.found

    def _folder(self, folder: Path) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            self.skip(folder, f"folder cannot be read: {exc.strerror or exc}")
            return
        for entry in entries:
            self._entry(folder / entry.name, entry)

    def _entry(self, path: Path, entry: os.DirEntry) -> None:
        hidden = _hidden(entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if hidden:
            self.skip(path, f"{hidden.replace('file', 'folder') if is_dir else hidden}: not read")
            return
        if entry.is_symlink():
            self._symlink(path)
        elif is_dir:
            self._subfolder(path, os.path.realpath(path))
        else:
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                self.skip(path, f"cannot be read ({exc.strerror or exc}): not read")
                return
            self._file(path, mode)

    def _symlink(self, path: Path) -> None:
        try:
            target_mode = os.stat(path).st_mode
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self.skip(path, "a symlink loop: not read")
            else:
                self.skip(path, f"a dangling symlink (to {display_path(os.readlink(path))}): not read")
            return
        real = os.path.realpath(path)
        if not _within(real, self.tree) and not self.follow_external:
            self.skip(path, "a symlink to outside the input tree: not read (--follow-symlinks reads it)")
        elif stat.S_ISDIR(target_mode):
            self._subfolder(path, real)
        else:
            self._file(path, target_mode)

    def _subfolder(self, path: Path, real: str) -> None:
        first = self.seen_dirs.get(real)
        if first is not None:
            where = source_path_for(first, self.root) if first != self.root else "the input folder"
            self.skip(path, f"a folder already read as {where} (a symlink loop or a second link): not read again")
            return
        self.seen_dirs[real] = path
        self._folder(path)

    def _file(self, path: Path, mode: int) -> None:
        why = _kind_of(mode)
        if why:
            self.skip(path, why)
        elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
            self.skip(path, f"unsupported kind of file ({path.suffix.lower() or 'no suffix'}): not read")
        else:
            self.found.append(Found(path, self.root))


def _given_file(path: Path) -> Found:
    """A file named as an input: read whatever its suffix, unless it cannot be opened safely."""
    root = path.parent
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        reason = "a symlink loop" if exc.errno == errno.ELOOP else f"cannot be read ({exc.strerror or exc})"
        return Found(path, root, f"{reason}: not read")
    return Found(path, root, _kind_of(mode))


def discover(inputs: list[Path], follow_external: bool = False) -> list[Found]:
    """Every path under ``inputs``, sorted by input folder and path; see the module docstring."""
    found: dict[tuple[str, str], Found] = {}
    for inp in map(Path, inputs):
        if inp.is_dir():
            items = _Walk(inp, follow_external).run()
        elif os.path.lexists(inp):
            items = [_given_file(inp)]
        else:
            items = [Found(inp, inp.parent, "does not exist")]
        for f in items:
            found.setdefault((os.fsdecode(f.root), os.fsdecode(f.path)), f)
    return [found[k] for k in sorted(found, key=lambda k: (os.fsencode(k[0]), os.fsencode(k[1])))]
