#!/usr/bin/env python3
"""Converts a feed CSV (dms-feedgen rows) into an .xlsx with openpyxl's write-only writer,
as a DMS export would hold it: shared strings, numbers as number cells, dates as date
cells. Benchmark input only. usage: csv_to_xlsx.py IN.csv OUT.xlsx"""
import csv
import datetime as dt
import re
import sys

from openpyxl import Workbook

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def main(source, target):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    with open(source, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        ws.append(header)
        text_columns = {i for i, name in enumerate(header) if name in ("dealer_code", "ro_no", "part_no", "vin", "pay_type")}
        for row in reader:
            out = []
            for i, value in enumerate(row):
                if value == "":
                    out.append(None)
                elif i not in text_columns and NUMBER.match(value):
                    out.append(float(value) if "." in value else int(value))
                elif DATE.match(value):
                    out.append(dt.date.fromisoformat(value))  # a date cell (openpyxl: yyyy-mm-dd)
                else:
                    out.append(value)
            ws.append(out)
    wb.save(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
