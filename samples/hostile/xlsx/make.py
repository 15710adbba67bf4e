#!/usr/bin/env python3
"""Writes the hostile workbooks of samples/hostile/xlsx (committed; run by hand, never by
the product or the tests): python3 samples/hostile/xlsx/make.py
Needs: pip install openpyxl==3.1.5 msoffcrypto-tool==6.1.0; soffice (libreoffice-calc-nogui).
Outcomes are listed in samples/hostile/expected.csv and samples/hostile/README.md."""
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["dealer_code", "name", "region", "sub_region", "province", "city", "brand", "opened_on", "status"]
ROW = ["DLR001", "星辰", "华东", "沪东", "上海", "上海", "星辰", "2015-03-01", "active"]

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                 '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
           '</Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def workbook_xml(sheets=True):
    inner = '<sheets><sheet name="Dealers" sheetId="1" r:id="rId1"/></sheets>' if sheets else '<sheets/>'
    return f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}>{inner}</workbook>'


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def rows_xml(rows, start=1):
    out = []
    for number, values in enumerate(rows, start=start):
        cells = "".join(cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values))
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out)


def sheet_xml(body, prolog=""):
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet {NS}><sheetData>{body}</sheetData></worksheet>'


def write(name, parts):
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts:
            info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def base(sheet, extra=()):
    return [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", workbook_xml()),
            ("xl/_rels/workbook.xml.rels", WB_RELS), ("xl/worksheets/sheet1.xml", sheet), *extra]


def main():
    good = sheet_xml(rows_xml([HEADER, ROW]))
    # A ratio bomb: 200 MB of blanks between two rows deflate to ~200 KB (~1000:1).
    padding = " " * (200 << 20)
    write("dealers_zip_bomb_ratio.xlsx", base(sheet_xml(rows_xml([HEADER]) + padding + rows_xml([ROW], start=2))))
    lying_bombs()
    # Entities: an internal DTD declaring an external entity, and an external DTD whose entity is used.
    write("dealers_dtd_external_entity.xlsx", base(sheet_xml(
        rows_xml([HEADER]) + '<row r="2">' + cell("A2", "DLR001") + cell("B2", "&xxe;") + "</row>",
        prolog='<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')))
    write("dealers_dtd_external_subset.xlsx", base(sheet_xml(
        rows_xml([HEADER]) + '<row r="2">' + cell("A2", "DLR001") + cell("B2", "&xxe;") + "</row>",
        prolog='<!DOCTYPE worksheet SYSTEM "http://127.0.0.1:9/evil.dtd">')))
    # Truncated: the first 60 % of a good workbook (no central directory).
    write("dealers_complete.tmp", base(good))
    whole = open(os.path.join(HERE, "dealers_complete.tmp"), "rb").read()
    os.remove(os.path.join(HERE, "dealers_complete.tmp"))
    open(os.path.join(HERE, "dealers_truncated.xlsx"), "wb").write(whole[: len(whole) * 6 // 10])
    # No worksheets at all.
    parts = base(good)
    parts[2] = ("xl/workbook.xml", workbook_xml(sheets=False))
    write("dealers_no_sheets.xlsx", [p for p in parts if p[0] != "xl/worksheets/sheet1.xml"])
    # Shared string index out of range (3 strings, a cell asks for 99).
    sst = '<?xml version="1.0" encoding="UTF-8"?><sst ' + NS + ' count="3" uniqueCount="3"><si><t>a</t></si><si><t>b</t></si><si><t>c</t></si></sst>'
    bad = sheet_xml(rows_xml([HEADER]) + '<row r="2"><c r="A2" t="inlineStr"><is><t>DLR001</t></is></c><c r="B2" t="s"><v>99</v></c></row>')
    write("dealers_shared_string_out_of_range.xlsx", base(bad, extra=[("xl/sharedStrings.xml", sst)]))
    # A row beyond Excel's last row.
    write("dealers_row_beyond_limit.xlsx", base(sheet_xml(rows_xml([HEADER]) + rows_xml([ROW], start=1048577))))
    # Real Excel 97-2003 (BIFF8) from LibreOffice, named .xls and renamed .xlsx; and a
    # password-protected workbook (an OLE2 container with EncryptionInfo/EncryptedPackage).
    from openpyxl import Workbook
    from msoffcrypto.format.ooxml import OOXMLFile
    with tempfile.TemporaryDirectory() as work:
        wb = Workbook()
        wb.active.append(HEADER)
        wb.active.append(ROW)
        source = os.path.join(work, "dealers_legacy.xlsx")
        wb.save(source)
        subprocess.run(["soffice", "--headless", "--convert-to", "xls:MS Excel 97", "--outdir", work, source],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(work, "dealers_legacy.xls"), os.path.join(HERE, "dealers_legacy.xls"))
        shutil.copy(os.path.join(work, "dealers_legacy.xls"), os.path.join(HERE, "dealers_legacy_renamed.xlsx"))
        plain = open(source, "rb")
        out = io.BytesIO()
        office = OOXMLFile(plain)
        office.encrypt("secret", out)
        open(os.path.join(HERE, "dealers_password.xlsx"), "wb").write(out.getvalue())
    legacy_xls()


def lying_bombs():
    """A lying bomb: the sheet inflates to 50 MB but says 2,000 bytes — in both the local
    header and the central directory (consistent, so the container opens and the bytes
    inflated decide), and in the central directory only (the headers disagree: refused
    when the part is opened)."""
    for name, patches in (("dealers_zip_bomb_declared.xlsx", ((b"PK\x01\x02", 24, 46, 28), (b"PK\x03\x04", 22, 30, 26))),
                          ("dealers_zip_bomb_central_only.xlsx", ((b"PK\x01\x02", 24, 46, 28),))):
        write(name, base(sheet_xml(rows_xml([HEADER]) + " " * (50 << 20) + rows_xml([ROW], start=2))))
        data = bytearray(open(os.path.join(HERE, name), "rb").read())
        for signature, size_at, name_at, name_len_at in patches:
            at = 0
            while True:
                at = data.find(signature, at)
                if at < 0:
                    break
                name_len = int.from_bytes(data[at + name_len_at:at + name_len_at + 2], "little")
                if data[at + name_at:at + name_at + name_len] == b"xl/worksheets/sheet1.xml":
                    data[at + size_at:at + size_at + 4] = (2000).to_bytes(4, "little")
                at += 4
        open(os.path.join(HERE, name), "wb").write(bytes(data))


def legacy_xls():
    """XML Spreadsheet 2003 and HTML tables saved as .xls (docs/workbooks.md), hostile."""
    def td(cells, tag="td"):
        return "<tr>" + "".join("<%s>%s</%s>" % (tag, c, tag) for c in cells) + "</tr>"
    # SpreadsheetML with an external entity in an internal subset: refused before any row.
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE Workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
           '<Worksheet ss:Name="S"><Table><Row>' + "".join('<Cell><Data ss:Type="String">%s</Data></Cell>' % h for h in HEADER)
           + '</Row><Row><Cell><Data ss:Type="String">&xxe;</Data></Cell></Row></Table></Worksheet></Workbook>\n')
    open(os.path.join(HERE, "dealers_spreadsheetml_xxe.xls"), "w", encoding="utf-8").write(xxe)
    # An HTML export cut off inside its table (mid-transfer): the file fails, nothing loads.
    cut = "<html><body><table>" + td(HEADER, "th") + "<tr><td>DLR002</td><td>南"
    open(os.path.join(HERE, "dealers_html_cut.xls"), "w", encoding="utf-8").write(cut)
    # Layout table around the data, a script and a style holding table markup, a comment
    # with a cell, unclosed <td>/<tr>, entities: two dealers load, nothing else.
    nested = ("<html><head><script>document.write('<table><tr><td>DLR999</td></tr></table>')</script>"
              "<style>/* <td>x</td> */</style></head><body><table><tr><td>"
              "<table>" + td(HEADER, "th") + "<!-- <tr><td>DLR998</td></tr> -->"
              "<tr><td>DLR001<td>星辰 &amp; Co<td>华东<td>沪东<td>上海<td>上海<td>星辰<td>2015-03-01<td>active"
              "<tr><td>DLR002<td>&lt;script&gt;<td>华东<td>沪东<td>上海<td>上海<td>星辰<td>2015-03-01<td>active"
              "</table></td></tr></table></body></html>")
    open(os.path.join(HERE, "dealers_html_nested_script.xls"), "w", encoding="utf-8").write(nested)


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["legacy"]:
        legacy_xls()
    elif sys.argv[1:] == ["bombs"]:
        lying_bombs()
    else:
        main()
