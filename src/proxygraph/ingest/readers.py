"""Paths to Documents: walking folders, picking a reader by extension, stdin, limits."""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import yaml

from proxygraph.errors import Code
from proxygraph.ingest.formats import Skipped, read_html, read_jsonl, read_plain, skip
from proxygraph.ingest.sources import Source, read_sources
from proxygraph.models import Document
from proxygraph.settings import Settings

# Extensions by format, longest first so ".jsonl.gz" wins over ".gz".
FORMATS = (
    (".jsonl.gz", "jsonl.gz"),
    (".jsonl.zst", "jsonl.zst"),
    (".ndjson", "jsonl"),
    (".jsonl", "jsonl"),
    (".markdown", "text"),
    (".txt", "text"),
    (".md", "text"),
    (".xhtml", "html"),
    (".html", "html"),
    (".htm", "html"),
)
# In folders, files about the folder rather than articles in it.
FOLDER_NOTES = ("readme", "license", "licence", "changelog", "contributing")
STDIN_ID = "stdin"

Result = Document | Skipped


def read_paths(paths: Iterable[str | Path], settings: Settings | None = None) -> Iterator[Result]:
    """Documents from files, folders (recursive, sorted) and "-" (stdin), with a Skipped for
    each input that cannot be read; one bad input never stops the run."""
    settings = settings or Settings()
    sources: dict[Path, dict[str, Source]] = {}
    for given in paths:
        if str(given) == "-":
            yield from read_stdin(settings)
            continue
        path = Path(given)
        if path.is_dir():
            for file in walk(path):
                if isinstance(file, Skipped):
                    yield file
                else:
                    yield from _read_file(file, settings, sources, explicit=False)
        elif path.exists() or path.is_symlink():
            yield from _read_file(path, settings, sources, explicit=True)
        else:
            yield skip(str(path), Code.E009)


def walk(folder: Path) -> Iterator[Path | Skipped]:
    """Files under ``folder`` in name order; hidden entries and symlinked folders are not
    entered (no loops); files of unknown type and folder notes (README...) are left out.
    A folder that cannot be listed and a document of a format not read (a PDF) are
    reported as Skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        yield unreadable_folder(folder, err)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk(Path(entry.path))
        elif file_format(entry.name) and not _is_folder_note(entry.name):
            yield Path(entry.path)
        elif is_unread_document(entry.name):
            yield skip(entry.path, Code.E013)


def unreadable_folder(folder: Path, err: OSError) -> Skipped:
    return skip(str(folder), Code.E001, reason=f"folder not read: {err.strerror or err}")


@cache
def _unread_documents() -> tuple[str, ...]:
    text = resources.files("proxygraph.ingest").joinpath("data/formats.yaml").read_text("utf-8")
    return tuple(str(ext).lower() for ext in yaml.safe_load(text)["unread_documents"])


def is_unread_document(name: str) -> bool:
    """A file of a document format proxygraph does not read (PDF, Word...)."""
    return name.lower().endswith(_unread_documents())


def file_format(name: str) -> str | None:
    low = name.lower()
    return next((fmt for ext, fmt in FORMATS if low.endswith(ext) and len(low) > len(ext)), None)


def doc_stem(name: str) -> str:
    """The file name without its (possibly double) extension."""
    low = name.lower()
    ext = next((e for e, _ in FORMATS if low.endswith(e) and len(low) > len(e)), "")
    return name[: len(name) - len(ext)] if ext else Path(name).stem


def _is_folder_note(name: str) -> bool:
    return doc_stem(name).lower() in FOLDER_NOTES


def _read_file(
    path: Path, settings: Settings, sources: dict[Path, dict[str, Source]], explicit: bool
) -> Iterator[Result]:
    fmt = file_format(path.name)
    shown = str(path)
    if fmt is None:
        if explicit:
            yield skip(shown, Code.E013)
        return
    problem = _check_file(path, settings)
    if problem:
        yield problem
        return
    meta = _source_meta(path, sources)
    if fmt.startswith("jsonl"):
        yield from _read_jsonl_file(path, fmt, meta, settings)
        return
    data = _read_bytes(path, settings)
    if isinstance(data, Skipped):
        yield data
        return
    reader = read_html if fmt == "html" else read_plain
    yield reader(data, shown, doc_stem(path.name), meta, settings)


def _check_file(path: Path, settings: Settings) -> Skipped | None:
    """Broken links, folders-as-files, devices and pipes, files over the byte limit."""
    shown = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        reason = "broken symbolic link" if path.is_symlink() else "no such file"
        return skip(shown, Code.E001, reason=reason)
    except OSError as err:
        return skip(shown, Code.E001, reason=err.strerror or type(err).__name__)
    if not stat.S_ISREG(info.st_mode):
        return skip(shown, Code.E001, reason="not a regular file")
    limited = not (file_format(path.name) or "").startswith("jsonl")  # JSONL: limit per record
    if limited and info.st_size > settings.max_file_bytes:
        return skip(shown, Code.E006, limit=settings.max_file_bytes)
    return None


def _read_bytes(path: Path, settings: Settings) -> bytes | Skipped:
    try:
        with path.open("rb") as f:
            data = f.read(settings.max_file_bytes + 1)
    except OSError as err:
        return skip(str(path), Code.E001, reason=err.strerror or type(err).__name__)
    if len(data) > settings.max_file_bytes:  # grew since stat
        return skip(str(path), Code.E006, limit=settings.max_file_bytes)
    return data


def _read_jsonl_file(
    path: Path, fmt: str, meta: dict[str, Any], settings: Settings
) -> Iterator[Result]:
    shown, stem = str(path), doc_stem(path.name)
    try:
        with _open_jsonl(path, fmt) as stream:
            yield from read_jsonl(stream, shown, stem, meta, settings)
    except ModuleNotFoundError:
        yield skip(shown, Code.E021, package="zstandard")
    except EOFError:  # the records before the cut were read
        yield skip(shown, Code.E004, reason="truncated: the compressed data ends early")
    except (OSError, zlib.error) as err:
        reason = f"corrupt or unreadable: {getattr(err, 'strerror', None) or err}"
        yield skip(shown, Code.E004, reason=reason.splitlines()[0])


def _open_jsonl(path: Path, fmt: str) -> IO[bytes]:
    if fmt == "jsonl.gz":
        return gzip.open(path, "rb")
    if fmt == "jsonl.zst":
        import zstandard  # optional: `pip install zstandard`  # noqa: F401

        return io.BufferedReader(_ZstdReader(path.open("rb")))
    return path.open("rb")


class _ZstdReader(io.RawIOBase):
    """Zstandard frames, one after another, decompressed as read. Unlike the library's own
    stream reader it notices a stream cut inside a frame (EOFError: "truncated") and turns
    corrupt data into an OSError. Input goes in small steps, which bounds what one step can
    expand to."""

    STEP = 4096

    def __init__(self, raw: IO[bytes]) -> None:
        import zstandard

        self.raw, self.zstd = raw, zstandard
        self.frame = zstandard.ZstdDecompressor().decompressobj()
        self.inside = False  # within a frame whose end has not been seen
        self.pending, self.offset = b"", 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self.offset >= len(self.pending):
            chunk = self.raw.read(self.STEP)
            if not chunk:
                if self.inside:
                    raise EOFError("the compressed stream ends inside a frame")
                return 0
            self.pending, self.offset = self._feed(chunk), 0
        n = min(len(buffer), len(self.pending) - self.offset)
        buffer[:n] = self.pending[self.offset : self.offset + n]
        self.offset += n
        return n

    def _feed(self, chunk: bytes) -> bytes:
        out = []
        try:
            while chunk:
                if self.frame.eof:  # the next frame
                    self.frame = self.zstd.ZstdDecompressor().decompressobj()
                out.append(self.frame.decompress(chunk))
                self.inside = not self.frame.eof
                chunk = self.frame.unused_data if self.frame.eof else b""
        except self.zstd.ZstdError as err:
            raise OSError(f"not valid Zstandard data ({err})") from None
        return b"".join(out)

    def close(self) -> None:
        self.raw.close()
        super().close()


def _source_meta(path: Path, sources: dict[Path, dict[str, Source]]) -> dict[str, Any]:
    folder = path.parent
    if folder not in sources:
        sources[folder] = read_sources(folder)
    row = sources[folder].get(path.name)
    meta: dict[str, Any] = {"path": str(path)}
    if row:
        meta.update(url=row.url, language=row.language)
    return meta


def read_stdin(settings: Settings) -> Iterator[Result]:
    """ "-": JSON Lines if the first line is an object, HTML if it starts with a tag, else text."""
    data = sys.stdin.buffer.read(settings.max_file_bytes + 1)
    if len(data) > settings.max_file_bytes:
        yield skip("-", Code.E006, limit=settings.max_file_bytes)
        return
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    meta = {"path": "-"}
    if head.startswith(b"{"):
        yield from read_jsonl(io.BytesIO(data), "-", STDIN_ID, meta, settings)
    elif head[:1] == b"<":
        yield read_html(data, "-", STDIN_ID, meta, settings)
    else:
        yield read_plain(data, "-", STDIN_ID, meta, settings)
