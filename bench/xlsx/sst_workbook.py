#!/usr/bin/env python3
"""Converts a feed CSV into an .xlsx the way Excel and most DMS exporters store it: every
text cell in the shared-string table (xl/sharedStrings.xml), numbers as number cells.
Written with Python's zipfile and plain XML (a writer independent of Ledger's and of
openpyxl, whose write-only mode stores inline strings). Benchmark input only.
usage: sst_workbook.py IN.csv OUT.xlsx"""
import csv
import re
import sys
import zipfile
from xml.sax.saxutils import escape

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
TEXT_COLUMNS = {"dealer_code", "ro_no", "part_no", "vin", "pay_type", "name", "region", "city", "status"}


def column(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def main(source, target):
    strings, order = {}, []

    def sid(text):
        if text not in strings:
            strings[text] = len(order)
            order.append(text)
        return strings[text]

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6, allowZip64=True) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet, open(source, newline="", encoding="utf-8-sig") as f:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns}><sheetData>'.encode())
            reader = csv.reader(f)
            header = next(reader)
            texts = [name in TEXT_COLUMNS for name in header]
            names = [column(i) for i in range(len(header))]
            out = ['<row r="1">' + "".join(f'<c r="{names[i]}1" t="s"><v>{sid(h)}</v></c>' for i, h in enumerate(header)) + "</row>"]
            for number, row in enumerate(reader, start=2):
                cells = []
                for i, value in enumerate(row):
                    if value == "":
                        continue
                    if not texts[i] and NUMBER.match(value):
                        cells.append(f'<c r="{names[i]}{number}"><v>{value}</v></c>')
                    else:
                        cells.append(f'<c r="{names[i]}{number}" t="s"><v>{sid(value)}</v></c>')
                out.append(f'<row r="{number}">' + "".join(cells) + "</row>")
                if len(out) >= 5000:
                    sheet.write("".join(out).encode())
                    out = []
            sheet.write(("".join(out) + "</sheetData></worksheet>").encode())
        sst = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {ns} count="{len(order)}" uniqueCount="{len(order)}">']
        sst += [f"<si><t>{escape(s)}</t></si>" for s in order]
        sst.append("</sst>")
        z.writestr("xl/sharedStrings.xml", "".join(sst))
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    print(f"shared strings: {len(order)} ({sum(len(s.encode()) for s in order)} bytes of text)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
