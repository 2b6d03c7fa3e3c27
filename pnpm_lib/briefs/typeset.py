"""Print PDFs of briefs with Typst (the ``typst`` wheel): A4, offline, no browser.

The PDF is typeset from the same executed notebook as the HTML page — the same HTML fragments that
``pnpm_lib.render`` built from the catalogue, in the same order — so the words and numbers are the
HTML's, not a second copy. Only the small, known set of elements those builders emit is translated
(headings, paragraphs with their roles, lists, tables, figures holding SVG); anything else is an
error, so a new element cannot silently vanish from the printed page. Text goes into Typst as string
literals, never as markup, so nothing from data can act as a Typst command. Charts and the map stay
vector (their SVG is embedded as is); the charts' own font, DejaVu Sans, ships with matplotlib and is
the page font too, so a PDF looks the same on every machine. One compiler is reused per process
(about 20 ms a brief instead of a compiler start each time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from pnpm_lib.briefs.export import REMOVE_CELL_TAGS, REMOVE_OUTPUT_TAGS, drop_stderr
from pnpm_lib.errors import PnpmError

PRELUDE = Path(__file__).resolve().parents[1] / "templates" / "pnpm_brief" / "brief.typ"
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
ROLES = {"key-message", "caution", "synthetic", "note", "footer"}
INLINE = {"code", "cite", "em", "strong", "b", "i", "span", "a", "sup", "sub"}


class TypesetError(PnpmError):
    """A brief's output holds an element the PDF cannot show."""


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)


class _Tree(HTMLParser):
    """HTML fragments → a small tree (void elements closed at once, unknown end tags ignored)."""

    VOID = {"br", "img", "hr", "meta", "input", "svgref"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def fragments(nb: nbformat.NotebookNode) -> list[str]:
    """The HTML a reader sees, in page order: every shown output of every shown cell."""
    out = []
    for cell in drop_stderr(nbformat.from_dict(nb)).cells:
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type != "code" or tags & (REMOVE_CELL_TAGS | REMOVE_OUTPUT_TAGS):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                out.append("".join(data["text/html"]) if isinstance(data["text/html"], list) else data["text/html"])
            elif output.get("output_type") == "error":
                raise TypesetError(f"the brief stopped with {output.get('ename')}; there is nothing to print")
    return out


def to_typst(nb: nbformat.NotebookNode, title: str, lang: str) -> str:
    """The Typst source of a brief: the prelude, then its blocks."""
    svgs: list[str] = []

    def keep(match: re.Match) -> str:
        svgs.append(match.group(0))
        return f'<svgref n="{len(svgs) - 1}"/>'

    tree = _Tree()
    tree.feed(SVG.sub(keep, "".join(fragments(nb))))
    tree.close()
    nodes = [child for child in tree.root.children if _meaningful(child)]
    body = "\n".join(_blocks(nodes, svgs))
    return (f'#let brief-lang = {_str(lang)}\n#let brief-title = {_str(title)}\n'
            f'{PRELUDE.read_text(encoding="utf-8")}\n{body}\n')


def _blocks(nodes: list[Node | str], svgs: list[str]):
    """Blocks in order; the locator map sits beside the paragraph after it, as on the screen."""
    i = 0
    while i < len(nodes):
        node, after = nodes[i], nodes[i + 1] if i + 1 < len(nodes) else None
        if (isinstance(node, Node) and node.tag == "figure" and node.attrs.get("class") == "locator"
                and isinstance(after, Node) and after.tag == "p"):
            yield f"#beside[{_block(after, svgs)}][{_block(node, svgs)}]"
            i += 2
            continue
        yield _block(node, svgs)
        i += 1


def _meaningful(node: Node | str) -> bool:
    return isinstance(node, Node) or bool(node.strip())


def _block(node: Node | str, svgs: list[str]) -> str:
    if isinstance(node, str):
        return f"#par[{_text(node)}]"
    tag, role = node.tag, node.attrs.get("class", "")
    if tag in {"h1", "h2", "h3", "h4"}:
        return f"#heading(level: {tag[1]})[{_inline(node)}]"
    if tag == "p":
        kind = role if role in ROLES else "plain"
        return f"#para({_str(kind)})[{_inline(node)}]"
    if tag in {"ul", "ol"}:
        items = ", ".join(f"[{_inline(li)}]" for li in node.children if isinstance(li, Node) and li.tag == "li")
        return f"#{'enum' if tag == 'ol' else 'list'}({items})"
    if tag == "table":
        return _table(node)
    if tag == "figure":
        refs = [c for c in _walk(node) if c.tag == "svgref"]
        if not refs:
            raise TypesetError("a figure without a chart or map")
        svg = svgs[int(refs[0].attrs["n"])]
        return f"#chart({_str(role)}, {_str(svg)})"
    if tag in {"div", "section", "main", "article"}:
        return "\n".join(_block(c, svgs) for c in node.children if _meaningful(c))
    if tag == "svgref":
        return f"#chart(\"\", {_str(svgs[int(node.attrs['n'])])})"
    if tag in INLINE:
        return f"#par[{_inline(node)}]"
    raise TypesetError(f"the brief shows a <{tag}> element, which the PDF does not know how to print")


def _table(node: Node) -> str:
    rows = [r for r in _walk(node) if r.tag == "tr"]
    if not rows:
        return ""
    width = max(len([c for c in r.children if isinstance(c, Node) and c.tag in {"td", "th"}]) for r in rows)
    cells: list[str] = []
    header: list[str] = []
    numeric = [False] * width
    for r in rows:
        row = [c for c in r.children if isinstance(c, Node) and c.tag in {"td", "th"}]
        for i, c in enumerate(row):
            numeric[i] = numeric[i] or "num" in c.attrs.get("class", "")
        target = header if all(c.tag == "th" for c in row) and not cells else cells
        target.extend(f"[{_inline(c)}]" for c in row)
        target.extend("[]" for _ in range(width - len(row)))
    align = ", ".join("right" if n else "left" for n in numeric)
    head = f"table.header({', '.join(header)}), " if header else ""
    return f"#data-table(columns: {width}, align: ({align},), {head}{', '.join(cells)})"


def _walk(node: Node):
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from _walk(child)


def _inline(node: Node) -> str:
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(_text(child))
        elif child.tag == "code":
            parts.append(f"#raw({_str(_plain(child))})")
        elif child.tag in {"cite", "em", "i"}:
            parts.append(f"#emph[{_inline(child)}]")
        elif child.tag in {"strong", "b"}:
            parts.append(f"#strong[{_inline(child)}]")
        elif child.tag == "sup":
            parts.append(f"#super[{_inline(child)}]")
        elif child.tag == "sub":
            parts.append(f"#sub[{_inline(child)}]")
        elif child.tag == "br":
            parts.append("#linebreak()")
        elif child.tag in {"span", "a", "abbr"}:
            parts.append(_inline(child))
        else:
            raise TypesetError(f"the brief shows a <{child.tag}> inside text, which the PDF does not know how to print")
    return "".join(parts)


def _plain(node: Node) -> str:
    return "".join(c if isinstance(c, str) else _plain(c) for c in node.children)


def _text(s: str) -> str:
    s = re.sub(r"\s+", " ", unescape(s))
    return f"#{_str(s)}" if s else ""


def _str(s: str) -> str:
    """A Typst string literal: only backslash and double quote need escaping."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


@cache
def compiler():
    """One Typst compiler per process, with the charts' font (DejaVu Sans, shipped by matplotlib)."""
    import matplotlib
    import typst

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return typst.Compiler(font_paths=[str(fonts)], ignore_system_fonts=True)


def to_pdf(nb: nbformat.NotebookNode, title: str, lang: str) -> bytes:
    """A4 PDF/A-2b bytes of an executed brief (fonts embedded; a fixed creation date, so re-runs are identical)."""
    import typst

    source = to_typst(nb, title, lang).encode("utf-8")
    try:
        pdf = compiler().compile(source, format="pdf", pdf_standards=["a-2b"], timestamp=0)
    except typst.TypstError as exc:
        raise TypesetError(f"Typst could not set the brief: {exc.message}") from None
    assert isinstance(pdf, bytes)
    return pdf


def missing_pdfs(kept: list, jobs: dict, say) -> int:
    """PDFs for unchanged briefs that have none yet, typeset from their kept executed notebooks; how many.
    A brief that cannot be printed is logged and the others go on."""
    from pnpm_lib.atomic import write_atomic

    made = 0
    for result in kept:
        job = jobs.get(result.region)
        if job is None or not result.html or result.status == "failed":
            continue
        pdf = Path(result.html).with_suffix(".pdf")
        if pdf.exists():
            continue
        try:
            if not result.ipynb or not Path(result.ipynb).exists():
                raise TypesetError("its executed notebook is gone; re-render it with --force")
            nb = nbformat.read(result.ipynb, as_version=4)
            write_atomic(pdf, to_pdf(nb, job.title, str(job.parameters.get("lang", "id"))))
            made += 1
        except (PnpmError, OSError, ValueError) as exc:
            say(f"pdf failed for {result.region}: {exc}")
    return made
