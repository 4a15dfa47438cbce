"""One short plan, written once as blocks, made into every format a plan comes in: .txt, .docx, a text
PDF (two pages, running header and page numbers), an image rendered like a scan and a scanned PDF.

The blocks mirror a real Kế hoạch: a two-column header (issuer | national motto, number | place and
date), the title, four legal bases, labelled coordination, a four-column table and a two-column
signature block. Each maker lays the blocks out the way that format does, so any difference in what
cancu extracts comes from the loader, not from the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/usr/local/share/fonts"), Path("/Library/Fonts"))


@dataclass(frozen=True)
class Columns:
    """Two side-by-side cells of lines (header, signature block): a layout table, not data."""

    left: tuple[str, ...]
    right: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Heading:
    text: str


Block = str | Columns | Table | Heading

PLAN: tuple[Block, ...] = (
    Columns(("ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"),
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")),
    Columns(("Số: 12/KH-UBND",), ("An Giang, ngày 10 tháng 3 năm 2023",)),
    Heading("KẾ HOẠCH"),
    Heading("Tuyên truyền cải cách hành chính năm 2023 trên địa bàn tỉnh An Giang"),
    "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách "
    "hành chính nhà nước giai đoạn 2021 - 2030;",
    "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa "
    "liên thông trong giải quyết thủ tục hành chính;",
    "Căn cứ Quyết định số 251/QĐ-BNV ngày 29/3/2022 của Bộ Nội vụ về việc ban hành Kế hoạch thông tin, "
    "tuyên truyền cải cách hành chính năm 2022;",
    "Căn cứ Quyết định số 3223/QĐ-UBND ngày 28/12/2022 của Ủy ban nhân dân tỉnh An Giang về việc ban hành "
    "Kế hoạch cải cách hành chính năm 2023.",
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2023 như sau:",
    Heading("I. MỤC ĐÍCH, YÊU CẦU"),
    "1. Nâng cao nhận thức của cán bộ, công chức, viên chức và Nhân dân về cải cách hành chính, góp phần "
    "thực hiện thắng lợi Kế hoạch cải cách hành chính của tỉnh.",
    "2. Công tác tuyên truyền phải kịp thời, đầy đủ, thường xuyên và phù hợp với từng đối tượng, từng "
    "địa phương.",
    Heading("II. NỘI DUNG TUYÊN TRUYỀN"),
    "1. Tuyên truyền trên báo, đài và Cổng thông tin điện tử của tỉnh",
    "- Cơ quan chủ trì: Sở Nội vụ.",
    "- Cơ quan phối hợp: Sở Tư pháp; Sở Tài chính.",
    "- Thời gian thực hiện: Quý II/2023.",
    "2. Các hoạt động tuyên truyền khác",
    Table((
        ("STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp"),
        ("1", "Tổ chức hội nghị tập huấn nghiệp vụ cải cách hành chính", "Sở Nội vụ", "Sở Thông tin và Truyền thông"),
        ("2", "Xây dựng chuyên mục cải cách hành chính trên Báo An Giang", "Báo An Giang", "Sở Nội vụ"),
        ("3", "Tuyên truyền về chuyển đổi số trong giải quyết thủ tục hành chính", "Sở Thông tin và Truyền thông",
         "Văn phòng Ủy ban nhân dân tỉnh"),
    )),
    Heading("III. TỔ CHỨC THỰC HIỆN"),
    "1. Sở Nội vụ theo dõi, hướng dẫn, đôn đốc các cơ quan, đơn vị thực hiện Kế hoạch này; tổng hợp kết quả "
    "báo cáo Ủy ban nhân dân tỉnh.",
    "2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch theo quy định.",
    Columns(("Nơi nhận:", "- Bộ Nội vụ;", "- Thường trực Tỉnh ủy;", "- Lưu: VT."),
            ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An")),
)


RUNNING_HEADER = "UBND tỉnh An Giang - Kế hoạch tuyên truyền CCHC"


def font_path(bold: bool = False) -> Path | None:
    """DejaVu Sans (Debian: fonts-dejavu-core): a TTF with every Vietnamese letter."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    return None


# --- text ------------------------------------------------------------------------------------------

def plan_text() -> str:
    """The plan as a .txt: layout cells one under the other, table rows tab-separated."""
    lines: list[str] = []
    for block in PLAN:
        if isinstance(block, Columns):
            lines += [*block.left, *block.right]
        elif isinstance(block, Table):
            lines += ["\t".join(r) for r in block.rows]
        elif isinstance(block, Heading):
            lines.append(block.text)
        else:
            lines.append(block)
    return "\n".join(lines) + "\n"


def make_txt(path: Path) -> Path:
    path.write_text(plan_text(), encoding="utf-8")
    return path


# --- Word ------------------------------------------------------------------------------------------

def make_docx(path: Path) -> Path:
    """As Word plans are made: layout tables without borders, a data table with a grid, and the
    numbered headings typed (the auto-numbered case has its own test)."""
    import docx

    doc = docx.Document()
    for block in PLAN:
        if isinstance(block, Columns):
            table = doc.add_table(rows=1, cols=2)
            for cell, lines in zip(table.rows[0].cells, (block.left, block.right), strict=True):
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
        elif isinstance(block, Table):
            table = doc.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            for row in block.rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = value
        elif isinstance(block, Heading):
            doc.add_paragraph().add_run(block.text).bold = True
        else:
            doc.add_paragraph(block)
    doc.save(str(path))
    return path


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NUMBERING = f"""<w:root xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>
</w:root>"""
# a text box as Word writes it: the modern drawing and, for old readers, the same text again as VML
_TEXTBOX = f"""<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Số: 5/KH-UBND</w:t></w:r></w:p>
</w:txbxContent></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Số: 5/KH-UBND</w:t></w:r></w:p>
</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def make_numbered_docx(path: Path) -> Path:
    """A Word file whose numbers Word draws: list numbering (I., 1., a), bullets), a heading style that
    numbers itself, the plan number in a text box, and a tracked deletion that is not text."""
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    for k, el in enumerate(parse_xml(_NUMBERING)):
        numbering.insert(k, el)
    # "Heading 1" numbers its paragraphs as the level-0 items of list 90, as Word's outline headings do
    ppr = doc.styles["Heading 1"].element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))

    def item(text: str, num: int, level: int) -> None:
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))

    doc.add_paragraph()._p.append(parse_xml(_TEXTBOX))
    doc.add_paragraph("KẾ HOẠCH")
    item("MỤC ĐÍCH", 90, 0)
    item("Nâng cao nhận thức", 90, 1)
    p = doc.add_paragraph()
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>'))
    p._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve">Đổi mới </w:t></w:r>'))
    p._p.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="1" w:author="x"><w:r><w:delText>cũ </w:delText></w:r>'
                          '</w:del>'))
    p._p.append(parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="2" w:author="x"><w:r><w:t>cách làm</w:t></w:r></w:ins>'))
    doc.add_paragraph("TỔ CHỨC THỰC HIỆN", style="Heading 1")
    item("Sở Nội vụ chủ trì", 90, 1)
    item("Sở Tư pháp phối hợp", 91, 0)
    item("việc một", 90, 2)
    item("việc hai", 90, 2)
    doc.save(str(path))
    return path


# --- text PDF --------------------------------------------------------------------------------------

def make_pdf(path: Path, font_size: float = 13) -> Path:
    """A text PDF as an office suite prints it: justified paragraphs (so lines wrap mid-sentence), a
    ruled data table, borderless layout tables, a running header and a page number on every page."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as RLTable

    regular, bold = font_path(), font_path(bold=True)
    assert regular and bold, "DejaVu Sans is missing: apt-get install fonts-dejavu-core"
    pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=font_size, leading=font_size * 1.35,
                          alignment=TA_JUSTIFY, firstLineIndent=1 * cm, spaceAfter=4)
    head = ParagraphStyle("head", parent=body, fontName="DejaVu-Bold", alignment=TA_CENTER, firstLineIndent=0)
    cell = ParagraphStyle("cell", parent=body, fontSize=font_size - 2, leading=(font_size - 2) * 1.3,
                          alignment=0, firstLineIndent=0, spaceAfter=0)
    layout = ParagraphStyle("layout", parent=cell, alignment=TA_CENTER, fontSize=font_size - 1)
    story: list[object] = []
    for block in PLAN:
        if isinstance(block, Columns):
            cells = [[Paragraph("<br/>".join(block.left), layout), Paragraph("<br/>".join(block.right), layout)]]
            story += [RLTable(cells, colWidths=[7 * cm, 10 * cm]), Spacer(1, 6)]
        elif isinstance(block, Table):
            rows = [[Paragraph(v, cell) for v in r] for r in block.rows]
            grid = RLTable(rows, colWidths=[1.2 * cm, 7 * cm, 4.4 * cm, 4.4 * cm], repeatRows=1)
            grid.setStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
            story += [grid, Spacer(1, 6)]
        elif isinstance(block, Heading):
            story.append(Paragraph(block.text, head))
        else:
            story.append(Paragraph(block, body))

    def furniture(canvas: Any, doc: Any) -> None:
        # what a real plan repeats on each page: a short running title on top, the page number below
        canvas.saveState()
        canvas.setFont("DejaVu", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 1.2 * cm, RUNNING_HEADER)
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, str(doc.page))
        canvas.restoreState()

    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=1.8 * cm, topMargin=2 * cm,
                      bottomMargin=2 * cm).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


# --- scan ------------------------------------------------------------------------------------------

SCALE = 2  # ~2x of a screen rendering: about 150 dpi for an A4 page, a modest office scan


def render_pages(width: int = 1240, margin: int = 90, font_size: int = 13 * SCALE) -> list[Image.Image]:
    """The plan drawn with Pillow like a scanned A4 page (grey-free black on white, table ruled)."""
    from PIL import Image, ImageDraw, ImageFont

    regular, bold = font_path(), font_path(bold=True)
    assert regular and bold, "DejaVu Sans is missing: apt-get install fonts-dejavu-core"
    fonts = {False: ImageFont.truetype(str(regular), font_size), True: ImageFont.truetype(str(bold), font_size)}
    height = int(width * 1.414)
    line_h = int(font_size * 1.45)
    pages: list[Image.Image] = []
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    y = margin

    def new_page() -> None:
        nonlocal page, draw, y
        pages.append(page)
        page = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(page)
        y = margin

    def wrap(text: str, room: int, is_bold: bool = False) -> list[str]:
        out, cur = [], ""
        for word in text.split():
            trial = f"{cur} {word}".strip()
            if draw.textlength(trial, font=fonts[is_bold]) <= room or not cur:
                cur = trial
            else:
                out.append(cur)
                cur = word
        return [*out, cur] if cur else out

    room = width - 2 * margin
    for block in PLAN:
        if isinstance(block, Columns):
            half = room // 2
            rows = max(len(block.left), len(block.right))
            for i in range(rows):
                for x0, lines in ((margin, block.left), (margin + half, block.right)):
                    if i < len(lines):
                        draw.text((x0, y), lines[i], font=fonts[False], fill=0)
                y += line_h
            y += line_h // 2
            continue
        if isinstance(block, Table):
            widths = [int(room * f) for f in (0.07, 0.43, 0.25, 0.25)]
            for row in block.rows:
                wrapped = [wrap(v, w - 12) for v, w in zip(row, widths, strict=True)]
                h = max(len(c) for c in wrapped) * line_h + 8
                if y + h > height - margin:
                    new_page()
                x = margin
                for cell_lines, w in zip(wrapped, widths, strict=True):
                    draw.rectangle([x, y, x + w, y + h], outline=0, width=2)
                    for k, line in enumerate(cell_lines):
                        draw.text((x + 6, y + 4 + k * line_h), line, font=fonts[False], fill=0)
                    x += w
                y += h
            y += line_h // 2
            continue
        is_head = isinstance(block, Heading)
        text = block.text if isinstance(block, Heading) else block
        for line in wrap(text, room, is_head):
            if y + line_h > height - margin:
                new_page()
            x = margin + (room - int(draw.textlength(line, font=fonts[is_head]))) // 2 if is_head else margin
            draw.text((x, y), line, font=fonts[is_head], fill=0)
            y += line_h
    pages.append(page)
    return pages


def make_image(path: Path, font_size: int = 11 * SCALE) -> Path:
    """A scan as an image file: every page in a (multi-page) TIFF, else the one page the plan must fit."""
    pages = render_pages(font_size=font_size)
    first = pages[0]
    if path.suffix.lower() in (".tif", ".tiff"):
        first.save(str(path), save_all=True, append_images=pages[1:], compression="tiff_deflate", dpi=(150, 150))
        return path
    if len(pages) > 1:
        raise AssertionError("the plan does not fit one image page: lower the font size")
    first.save(str(path), dpi=(150, 150))
    return path


def make_scanned_pdf(path: Path, font_size: int = 13 * SCALE) -> Path:
    """A PDF of page images only, like a scanner's: no text layer at all."""
    pages = render_pages(font_size=font_size)
    first = pages[0]
    first.save(str(path), "PDF", save_all=True, append_images=pages[1:], resolution=150.0)
    return path


def make_mixed_pdf(path: Path, text_pdf: Path, scanned_pdf: Path) -> Path:
    """Page 1 from the text PDF, page 2 from the scan: a plan whose annex was scanned in."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(str(text_pdf)).pages[0])
    writer.add_page(PdfReader(str(scanned_pdf)).pages[1])
    writer.write(str(path))
    return path


# --- broken files ----------------------------------------------------------------------------------

def make_encrypted_pdf(path: Path, source: Path, password: str = "mat-khau") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    writer.write(str(path))
    return path


def make_corrupt_pdf(path: Path, source: Path) -> Path:
    """The first kilobyte of a real PDF: a download cut short."""
    path.write_bytes(source.read_bytes()[:1024])
    return path


def make_blank_image(path: Path) -> Path:
    from PIL import Image

    Image.new("L", (1240, 1754), 255).save(str(path))
    return path


# --- a scanned seed --------------------------------------------------------------------------------

def make_printed_pdf(text: str, path: Path, font_size: float = 12) -> Path:
    """A plain text printed to PDF as an office suite would: A4, each source line a paragraph, long
    lines wrapped at the margin."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    regular = font_path()
    assert regular, "DejaVu Sans is missing: apt-get install fonts-dejavu-core"
    pdfmetrics.registerFont(TTFont("DejaVu", str(regular)))
    style = ParagraphStyle("line", fontName="DejaVu", fontSize=font_size, leading=font_size * 1.3)
    story: list[object] = []
    for line in text.splitlines():
        # tabs of a table row become wide gaps, as a printed table's columns are
        line = line.replace("\t", "    ")
        story.append(Paragraph(escape(line), style) if line.strip() else Spacer(1, font_size * 0.6))
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                      bottomMargin=2 * cm).build(story)
    return path


def make_scan_of_pdf(pdf: Path, path: Path, dpi: int = 200, blur: float = 0.6, angle: float = 0.6) -> Path:
    """What a scanner makes of a printed page: each page rasterised at `dpi`, slightly blurred and turned
    by `angle` degrees, saved as an image-only PDF (no text layer)."""
    import pypdfium2 as pdfium
    from PIL import ImageFilter

    doc = pdfium.PdfDocument(str(pdf))
    pages = []
    for page in doc:
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        image = image.filter(ImageFilter.GaussianBlur(blur))
        pages.append(image.rotate(angle, expand=True, fillcolor=255))
    doc.close()
    pages[0].save(str(path), "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
    return path
